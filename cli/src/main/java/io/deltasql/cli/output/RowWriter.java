package io.deltasql.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints a table's rows, one format each: a plain table for a terminal, CSV or JSON lines for pipes.
 * Rows come as ordered maps of plain values (numbers, booleans, text; nested values as maps and
 * lists), printed as they arrive — only the table format holds its first rows to size its columns.
 */
public interface RowWriter {
    ObjectMapper JSON = new ObjectMapper();

    void header(List<String> columns);

    void row(Map<String, Object> row);

    /** After the last row. */
    void end();

    static RowWriter of(RowFormat format, PrintWriter out) {
        return switch (format) {
            case TABLE -> new TableRowWriter(out);
            case CSV -> new CsvRowWriter(out);
            case JSONL -> new JsonLinesRowWriter(out);
        };
    }

    /** A value as one cell of text: null as {@code null}, nested values as JSON. */
    static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return String.valueOf(value);
            }
        }
        return value.toString();
    }
}
