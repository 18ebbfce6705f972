package io.deltasql.reader.engine;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.UnknownAction;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.data.DefaultRowBasedColumnarBatch;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.Iterator;
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
 * is a {@link FieldRow} of the read schema's {@code add} struct, the same values parseJson would
 * give (an add with fields the model does not type, in {@code extra}, still goes through its line).
 */
final class ActionBatches implements CloseableIterator<ColumnarBatch> {
    static final int BATCH_ROWS = 4096;

    private final Iterator<Action> actions;
    private final JsonHandler json;
    private final StructType readSchema;
    private final Set<String> keys;
    private final FieldRow.Layout<AddFile> addLayout; // null when the read schema has no add struct
    private final int addOrdinal;
    private Action pending; // the next action the read schema asks for

    ActionBatches(Iterator<Action> actions, JsonHandler json, StructType readSchema) {
        this.actions = actions;
        this.json = json;
        this.readSchema = readSchema;
        this.keys = Set.copyOf(readSchema.fieldNames());
        this.addOrdinal = readSchema.indexOf("add");
        this.addLayout = addOrdinal >= 0 && readSchema.at(addOrdinal).getDataType() instanceof StructType s
                ? new FieldRow.Layout<>(s, AddFile.FIELDS) : null;
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

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    @Override
    public ColumnarBatch next() {
        if (pending == null) {
            throw new NoSuchElementException();
        }
        if (direct(pending)) {
            List<Row> rows = new ArrayList<>(BATCH_ROWS);
            while (pending != null && rows.size() < BATCH_ROWS && direct(pending)) {
                rows.add(new ActionRow(readSchema, addOrdinal, new FieldRow<>(addLayout, (AddFile) pending)));
                advance();
            }
            return new DefaultRowBasedColumnarBatch(readSchema, rows);
        }
        List<String> lines = new ArrayList<>(BATCH_ROWS);
        while (pending != null && lines.size() < BATCH_ROWS && !direct(pending)) {
            lines.add(ActionCodec.toJson(pending));
            advance();
        }
        return json.parseJson(new JsonLineVector(lines), readSchema, Optional.empty());
    }

    private boolean direct(Action a) {
        return addLayout != null && a instanceof AddFile add && (add.extra() == null || add.extra().isEmpty());
    }

    @Override
    public void close() {
    }
}
