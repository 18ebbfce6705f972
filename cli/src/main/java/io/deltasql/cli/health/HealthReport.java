package io.deltasql.cli.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.PrintWriter;
import java.util.List;

/**
 * The report of {@code deltasql validate}: one check per line, like the validation report. A check
 * fails on a problem (the log cannot be imported as it is, or disagrees with itself) and warns on
 * what an import survives but a user should know ({@code --strict} makes warnings fail the command).
 */
@JsonPropertyOrder({"source", "healthy", "warnings", "checks"})
public record HealthReport(@JsonProperty("source") String source, @JsonProperty("checks") List<Check> checks) {

    @JsonProperty("healthy")
    public boolean healthy() {
        return checks.stream().allMatch(Check::passed);
    }

    /** Warnings over all checks. */
    @JsonProperty("warnings")
    public int warningCount() {
        return checks.stream().mapToInt(c -> c.warnings().size()).sum();
    }

    @JsonPropertyOrder({"name", "passed", "detail", "problems", "warnings"})
    public record Check(@JsonProperty("name") String name, @JsonProperty("passed") boolean passed,
                        @JsonProperty("detail") String detail, @JsonProperty("problems") List<String> problems,
                        @JsonProperty("warnings") List<String> warnings) {

        public static Check passed(String name, String detail) {
            return new Check(name, true, detail, List.of(), List.of());
        }

        public static Check warned(String name, String detail, List<String> warnings) {
            return new Check(name, true, detail, List.of(), warnings);
        }

        public static Check failed(String name, String detail, List<String> problems) {
            return new Check(name, false, detail, problems, List.of());
        }
    }

    public void print(PrintWriter out) {
        out.printf("Source health: %s%n", source);
        for (Check c : checks) {
            out.printf("  %-15s %s  %s%n", c.name(), !c.passed() ? "✗" : c.warnings().isEmpty() ? "✓" : "⚠", c.detail());
            lines(out, c.problems(), "");
            lines(out, c.warnings(), "warning: ");
        }
        if (!healthy()) {
            out.println("Overall: PROBLEMS FOUND ✗");
        } else if (warningCount() > 0) {
            out.printf("Overall: HEALTHY, %d warning%s ⚠ (--strict fails on warnings)%n", warningCount(),
                    warningCount() == 1 ? "" : "s");
        } else {
            out.println("Overall: HEALTHY ✓");
        }
        out.flush();
    }

    private static void lines(PrintWriter out, List<String> lines, String prefix) {
        int shown = 0;
        for (String p : lines) {
            if (shown++ == 10) {
                out.printf("      … and %,d more%n", lines.size() - 10);
                break;
            }
            out.printf("      %s%s%n", prefix, p);
        }
    }
}
