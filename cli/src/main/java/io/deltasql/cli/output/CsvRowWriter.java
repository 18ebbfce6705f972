package io.deltasql.cli.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** RFC 4180 CSV with a header line; null is an empty field, nested values are JSON text. */
final class CsvRowWriter implements RowWriter {
    private final PrintWriter out;

    CsvRowWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void header(List<String> columns) {
        out.print(columns.stream().map(CsvRowWriter::field).collect(Collectors.joining(",")));
        out.print("\r\n");
    }

    @Override
    public void row(Map<String, Object> row) {
        out.print(row.values().stream().map(v -> v == null ? "" : field(RowWriter.text(v))).collect(Collectors.joining(",")));
        out.print("\r\n");
    }

    @Override
    public void end() {
        out.flush();
    }

    static String field(String s) {
        if (s.isEmpty() || s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
