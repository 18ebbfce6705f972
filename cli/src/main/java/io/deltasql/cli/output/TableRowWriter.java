package io.deltasql.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plain text table: columns sized by the header and the first {@value #SAMPLE} rows (then printed
 * as they come), a cell wider than {@value #MAX_WIDTH} characters cut with "…".
 */
final class TableRowWriter implements RowWriter {
    static final int SAMPLE = 100;
    static final int MAX_WIDTH = 40;

    private final PrintWriter out;
    private List<String> columns = List.of();
    private final List<List<String>> held = new ArrayList<>();
    private int[] widths;
    private long rows;

    TableRowWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void header(List<String> columns) {
        this.columns = columns;
    }

    @Override
    public void row(Map<String, Object> row) {
        List<String> cells = row.values().stream().map(RowWriter::text).toList();
        rows++;
        if (widths == null) {
            held.add(cells);
            if (held.size() == SAMPLE) {
                flushHeld();
            }
        } else {
            line(cells);
        }
    }

    @Override
    public void end() {
        if (widths == null) {
            flushHeld();
        }
        out.printf("(%,d row%s)%n", rows, rows == 1 ? "" : "s");
        out.flush();
    }

    private void flushHeld() {
        widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(1, Math.min(MAX_WIDTH, columns.get(i).length()));
            for (List<String> r : held) {
                widths[i] = Math.max(widths[i], Math.min(MAX_WIDTH, r.get(i).length()));
            }
        }
        line(columns);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.println(rule);
        held.forEach(this::line);
        held.clear();
    }

    private void line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String c = cells.get(i);
            if (c.length() > widths[i]) {
                c = c.substring(0, widths[i] - 1) + "…";
            }
            b.append(i == 0 ? "" : " | ").append(c).append(" ".repeat(widths[i] - c.length()));
        }
        out.println(b.toString().stripTrailing());
    }
}
