package io.deltasql.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON output, pretty-printed exactly like the shared {@code expected/*.json} files (Jackson's
 * default printer with arrays broken over lines, {@code "key" : value}, LF line ends, a final
 * newline), so {@code deltasql snapshot --format=json} can be diffed against them directly.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY;

    static {
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
        printer.indentObjectsWith(lf);
        printer.indentArraysWith(lf);
        PRETTY = MAPPER.writer(printer);
    }

    private Json() {
    }

    /**
     * A generator printing exactly as {@link #pretty} does, onto {@code out} (left open), for output
     * written piece by piece: {@link SnapshotJsonWriter}.
     */
    public static JsonGenerator prettyGenerator(Writer out) {
        try {
            return PRETTY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pretty JSON plus a final newline. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
