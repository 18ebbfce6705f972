package io.deltasql.reader.engine;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.UnknownAction;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.data.DefaultRowBasedColumnarBatch;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Actions as Kernel's columnar batches of a log file: each action becomes its log line
 * ({@link ActionCodec#toJson}) and Kernel's own {@link JsonHandler#parseJson} turns the lines into
 * rows of the read schema — exactly what Kernel gets from a JSON commit or a JSON checkpoint. Only
 * actions whose key the read schema asks for are turned into rows (reading protocol and metaData
 * does not touch the adds). Adds — nearly all the rows of a big table — skip the JSON text: each
 * is a row of a columnar batch ({@link AddColumns}: the add struct built column by column; else a
 * {@link FieldRow} of it), the same values parseJson would give (an add with fields the model does
 * not type, in {@code extra}, still goes through its line). A checkpoint's live files follow the
 * actions as batches already built ({@link FileColumns}, on the thread that fetches them).
 */
final class ActionBatches implements CloseableIterator<ColumnarBatch> {
    static final int BATCH_ROWS = 4096;

    private final CloseableIterator<Action> actions;
    private final CloseableIterator<FileBatch> files;
    private final JsonHandler json;
    private final StructType readSchema;
    private final Set<String> keys;
    private final FieldRow.Layout<AddFile> addLayout; // null when the read schema has no add struct
    private final int addOrdinal;
    private final AddColumns columns; // null when the add struct has a field type AddColumns cannot build: then FieldRows
    private Action pending; // the next action the read schema asks for
    private CheckpointCache cache; // with cacheKey and kept: where the batches go once all are read
    private CheckpointCache.Key cacheKey;
    private List<ColumnarBatch> kept; // null: not keeping (no cache, or over its budget)
    private long keptBytes;

    ActionBatches(CloseableIterator<Action> actions, JsonHandler json, StructType readSchema) {
        this(actions, Utils.toCloseableIterator(Collections.emptyIterator()), json, readSchema);
    }

    /** The actions' batches, then those of {@code files}. */
    ActionBatches(CloseableIterator<Action> actions, CloseableIterator<FileBatch> files, JsonHandler json, StructType readSchema) {
        this.actions = actions;
        this.files = files;
        this.json = json;
        this.readSchema = readSchema;
        this.keys = Set.copyOf(readSchema.fieldNames());
        this.addOrdinal = readSchema.indexOf("add");
        this.addLayout = addOrdinal >= 0 && readSchema.at(addOrdinal).getDataType() instanceof StructType s
                ? new FieldRow.Layout<>(s, AddFile.FIELDS) : null;
        this.columns = addLayout == null ? null : AddColumns.of(readSchema, addOrdinal, BATCH_ROWS);
        advance();
    }

    private void advance() {
        pending = null;
        while (actions.hasNext()) {
            Action a = actions.next();
            String key = a instanceof UnknownAction u ? u.key() : a.type().key();
            if (keys.contains(key)) {
                pending = a;
                return;
            }
        }
    }

    /**
     * Keeps the batches in {@code cache} under {@code key} once all are read, unless their estimated
     * size passes the cache's budget first (then nothing is kept and memory stays flat).
     */
    ActionBatches keptIn(CheckpointCache cache, CheckpointCache.Key key) {
        this.cache = cache;
        this.cacheKey = key;
        this.kept = new ArrayList<>();
        return this;
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (files.hasNext()) {
            return true;
        }
        if (kept != null) {
            cache.put(cacheKey, kept, keptBytes);
            kept = null;
        }
        return false;
    }

    private ColumnarBatch keep(ColumnarBatch batch, long bytes) {
        if (kept != null) {
            keptBytes += bytes;
            if (keptBytes > cache.budgetBytes()) {
                kept = null; // too big to keep: stream on
            } else {
                kept.add(batch);
            }
        }
        return batch;
    }

    /** What a kept add costs in memory, roughly: its strings and the vectors' slots. */
    private static long estimate(AddFile a) {
        long b = 96 + 2L * a.path().length();
        if (a.stats() != null) {
            b += 48 + 2L * a.stats().length();
        }
        if (a.partitionValues() != null) {
            for (var e : a.partitionValues().entrySet()) {
                b += 96 + 2L * (e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length()));
            }
        }
        return b;
    }

    @Override
    public ColumnarBatch next() {
        if (pending == null) {
            if (!files.hasNext()) {
                throw new NoSuchElementException();
            }
            FileBatch f = files.next();
            return keep(f.batch(), f.bytes());
        }
        long bytes = 0;
        if (direct(pending) && columns != null) {
            while (pending != null && columns.size() < BATCH_ROWS && direct(pending)) {
                AddFile add = (AddFile) pending;
                columns.add(add);
                bytes += kept == null ? 0 : estimate(add);
                advance();
            }
            return keep(columns.build(), bytes);
        }
        if (direct(pending)) {
            List<Row> rows = new ArrayList<>(BATCH_ROWS);
            while (pending != null && rows.size() < BATCH_ROWS && direct(pending)) {
                AddFile add = (AddFile) pending;
                rows.add(new ActionRow(readSchema, addOrdinal, new FieldRow<>(addLayout, add)));
                bytes += kept == null ? 0 : 2 * estimate(add);
                advance();
            }
            return keep(new DefaultRowBasedColumnarBatch(readSchema, rows), bytes);
        }
        List<String> lines = new ArrayList<>(BATCH_ROWS);
        while (pending != null && lines.size() < BATCH_ROWS && !direct(pending)) {
            String line = ActionCodec.toJson(pending);
            lines.add(line);
            bytes += 200 + 4L * line.length();
            advance();
        }
        return keep(json.parseJson(new JsonLineVector(lines), readSchema, Optional.empty()), bytes);
    }

    private boolean direct(Action a) {
        return addLayout != null && a instanceof AddFile add && (add.extra() == null || add.extra().isEmpty());
    }

    /** Closes the actions and the files: a fetch of live files still running stops. */
    @Override
    public void close() {
        try (files) {
            actions.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
