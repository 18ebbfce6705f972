package io.deltasql.cli.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.PrintWriter;
import java.util.List;

/** The report of {@code deltasql validate}: one check per line, like the validation report. */
@JsonPropertyOrder({"source", "healthy", "checks"})
public record HealthReport(@JsonProperty("source") String source, @JsonProperty("checks") List<Check> checks) {

    @JsonProperty("healthy")
    public boolean healthy() {
        return checks.stream().allMatch(Check::passed);
    }

    @JsonPropertyOrder({"name", "passed", "detail", "problems"})
    public record Check(@JsonProperty("name") String name, @JsonProperty("passed") boolean passed,
                        @JsonProperty("detail") String detail, @JsonProperty("problems") List<String> problems) {
    }

    public void print(PrintWriter out) {
        out.printf("Source health: %s%n", source);
        for (Check c : checks) {
            out.printf("  %-14s %s  %s%n", c.name(), c.passed() ? "✓" : "✗", c.detail());
            int shown = 0;
            for (String p : c.problems()) {
                if (shown++ == 10) {
                    out.printf("      … and %,d more%n", c.problems().size() - 10);
                    break;
                }
                out.printf("      %s%n", p);
            }
        }
        out.println(healthy() ? "Overall: HEALTHY ✓" : "Overall: PROBLEMS FOUND ✗");
        out.flush();
    }
}
