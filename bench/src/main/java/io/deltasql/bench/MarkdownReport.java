package io.deltasql.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's printed result: a header line, indented notes, then a Markdown table (so it can be pasted into
 * docs/performance.md). Subclasses format the rows of their own columns.
 */
abstract class MarkdownReport {
    private final String columns;
    private final List<String> notes = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    private String header = "";

    /** {@code columns}: the table's heading line, e.g. {@code "| measurement | work |"}. */
    MarkdownReport(String columns) {
        this.columns = columns;
    }

    final void header(String text) {
        header = text;
    }

    final void note(String text) {
        notes.add(text);
    }

    /** A table line already formatted for this report's columns. */
    final void addRow(String row) {
        rows.add(row);
    }

    final void print(PrintStream out) {
        out.println(header);
        notes.forEach(n -> out.println("  " + n));
        out.println();
        out.println(columns);
        long columnCount = columns.chars().filter(c -> c == '|').count() - 1;
        out.println("|---".repeat((int) columnCount) + "|");
        rows.forEach(out::println);
        out.flush();
    }
}
