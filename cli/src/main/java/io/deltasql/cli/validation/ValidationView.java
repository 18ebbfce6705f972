package io.deltasql.cli.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A validation report as the CLI shows it (the guide's form): one line per check, each passed or
 * not, with the figures of both sides and the differences.
 */
@JsonPropertyOrder({"version", "passed", "checks", "notes"})
public record ValidationView(@JsonProperty("version") long version, @JsonProperty("checks") List<Check> checks,
                             @JsonProperty("notes") List<String> notes) {

    public ValidationView(long version, List<Check> checks) {
        this(version, checks, List.of());
    }

    /** The same report with facts that are not checks (e.g. an unreadable checkpoint the validation went around). */
    public ValidationView withNotes(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new ValidationView(version, checks, List.copyOf(all));
    }

    /** The guide's check names, in the guide's order. */
    public static final List<String> CHECK_NAMES =
            List.of("Version Match", "File Count", "Total File Size", "Schema", "Protocol", "File Paths");

    @JsonProperty("passed")
    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    /**
     * @param name        one of {@link #CHECK_NAMES}
     * @param detail      the figures ("5 files", "delta log 5, SQL 4")
     * @param differences what differs, one entry each (for File Paths: "only in SQL: x"), at most a few shown in text
     */
    @JsonPropertyOrder({"name", "passed", "detail", "differences"})
    public record Check(@JsonProperty("name") String name, @JsonProperty("passed") boolean passed,
                        @JsonProperty("detail") String detail, @JsonProperty("differences") List<String> differences) {
    }
}
