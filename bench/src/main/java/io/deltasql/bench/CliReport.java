package io.deltasql.bench;

import java.util.List;

/** The CLI benchmark's table, shaped like issue #18's: one line per measurement, the reference, one column per build, the goal. */
final class CliReport extends MarkdownReport {
    CliReport(List<String> builds) {
        super("| what | limit / reference | " + String.join(" | ", builds) + " | goal |");
    }

    void row(String what, String reference, List<String> cells, String goal) {
        addRow("| " + what + " | " + reference + " | " + String.join(" | ", cells) + " | " + goal + " |");
    }
}
