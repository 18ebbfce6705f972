package io.deltasql.store.validate;

import java.util.List;

/**
 * The outcome of comparing a table's file snapshot with its SQL snapshot: one line per check with
 * both sides' figures, and for a failed check every difference found (lists capped, with counts).
 */
public record ValidationReport(String table, long version, List<Check> checks) {

    /**
     * @param fileSide    what the Delta log says (replayed from checkpoint + commits, or the .crc)
     * @param sqlSide     what PostgreSQL says
     * @param differences details of a failed check, e.g. the first paths missing on one side
     */
    public record Check(String name, boolean passed, String fileSide, String sqlSide, List<String> differences) {
        public Check {
            differences = List.copyOf(differences);
        }

        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(passed ? "✓ " : "✗ ").append(name).append(": ");
            sb.append(passed ? fileSide : "log " + fileSide + " / sql " + sqlSide);
            for (String d : differences) {
                sb.append(System.lineSeparator()).append("    ").append(d);
            }
            return sb.toString();
        }
    }

    public ValidationReport {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** A human-readable report, one line per check. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("validation of ").append(table).append(" at version ").append(version).append(": ")
                .append(passed() ? "PASSED" : "FAILED (" + failures().size() + " of " + checks.size() + " checks)");
        for (Check c : checks) {
            sb.append(System.lineSeparator()).append("  ").append(c.render());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
