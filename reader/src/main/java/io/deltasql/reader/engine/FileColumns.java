package io.deltasql.reader.engine;

import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.store.read.LiveFileRow;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The live files of a checkpoint read as Kernel's batches of its read schema, filled from the store's
 * rows as they are fetched — on the fetch's thread, so the thread that replays them in Kernel only
 * replays. A common row goes straight into the columns of the add struct ({@link AddColumns}), no
 * {@link AddFile} made; a row with a rare field is read whole and its record added; an add with fields
 * the model does not type ({@code extra}) goes through its log line and Kernel's {@link JsonHandler#parseJson},
 * so Kernel sees exactly what a JSON checkpoint gives. Batches hold at most {@link ActionBatches#BATCH_ROWS}
 * files; consecutive files of one kind share a batch.
 */
public final class FileColumns {
    private final StructType readSchema;
    private final JsonHandler json;
    private final AddColumns columns; // null when the add struct has a field type AddColumns cannot build: then lines
    private final boolean stats;
    private final List<String> lines = new ArrayList<>();
    private long lineBytes;

    private FileColumns(StructType readSchema, JsonHandler json, AddColumns columns, boolean stats) {
        this.readSchema = readSchema;
        this.json = json;
        this.columns = columns;
        this.stats = stats;
    }

    /** A builder for {@code readSchema}, which has an {@code add} column. */
    public static FileColumns of(StructType readSchema, JsonHandler json) {
        int add = readSchema.indexOf("add");
        boolean stats = readSchema.at(add).getDataType() instanceof StructType s && s.indexOf("stats") >= 0;
        return new FileColumns(readSchema, json, AddColumns.of(readSchema, add, ActionBatches.BATCH_ROWS), stats);
    }

    /** Whether the read schema asks for the files' stats (a scan with a data filter does; they are most of a row's bytes). */
    public boolean stats() {
        return stats;
    }

    /** Adds the row; a batch that is full goes to {@code out}. */
    public void add(LiveFileRow row, Consumer<FileBatch> out) {
        if (columns != null && !row.rare()) {
            flushLines(out);
            columns.add(row);
        } else {
            AddFile add = row.add();
            if (columns != null && (add.extra() == null || add.extra().isEmpty())) {
                flushLines(out);
                columns.add(add);
            } else {
                flushColumns(out);
                String line = ActionCodec.toJson(add);
                lines.add(line);
                lineBytes += 200 + 4L * line.length();
                if (lines.size() == ActionBatches.BATCH_ROWS) {
                    flushLines(out);
                }
                return;
            }
        }
        if (columns.size() == ActionBatches.BATCH_ROWS) {
            flushColumns(out);
        }
    }

    /** The last, partly filled batch to {@code out}. */
    public void end(Consumer<FileBatch> out) {
        flushColumns(out);
        flushLines(out);
    }

    private void flushColumns(Consumer<FileBatch> out) {
        if (columns != null && columns.size() > 0) {
            long bytes = columns.bytes();
            out.accept(new FileBatch(columns.build(), bytes));
        }
    }

    private void flushLines(Consumer<FileBatch> out) {
        if (!lines.isEmpty()) {
            out.accept(new FileBatch(json.parseJson(new JsonLineVector(new ArrayList<>(lines)), readSchema, Optional.empty()),
                    lineBytes));
            lines.clear();
            lineBytes = 0;
        }
    }
}
