package io.deltasql.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** One JSON object per row, keys in column order; decimals as JSON numbers, dates and timestamps as ISO text. */
final class JsonLinesRowWriter implements RowWriter {
    private final PrintWriter out;

    JsonLinesRowWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void header(List<String> columns) {
    }

    @Override
    public void row(Map<String, Object> row) {
        try {
            out.print(JSON.writeValueAsString(row));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.print('\n');
    }

    @Override
    public void end() {
        out.flush();
    }
}
