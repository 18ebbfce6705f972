package io.deltasql.log.checkpoint;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.Field;
import io.deltasql.log.action.FieldTable;
import io.deltasql.log.action.FieldType;
import io.deltasql.log.action.Sidecar;
import io.deltasql.log.action.UnknownAction;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * Turns the rows of one checkpoint file into actions: every non-null top-level column is one action
 * (normally exactly one per row; an all-null row yields none). A known action column becomes its
 * typed record, decoded by the action's {@link FieldTable} directly from the Parquet values; any
 * other top-level column becomes an {@link UnknownAction} holding its value as JSON, so
 * forward-compatible columns are kept. Columns no field takes ({@code stats_parsed},
 * {@code partitionValues_parsed}, future fields) and values of an unexpected Parquet type go into
 * {@code extra} as JSON.
 *
 * <p>Made once per file schema: which field each column fills is decided here, not per row.
 */
final class RowActions {
    private final ActionType[] types;
    private final Struct<?>[] actions;

    RowActions(GroupType schema) {
        int n = schema.getFieldCount();
        types = new ActionType[n];
        actions = new Struct<?>[n];
        for (int i = 0; i < n; i++) {
            Type t = schema.getType(i);
            boolean struct = !t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED);
            types[i] = struct ? ActionType.fromKey(t.getName()) : ActionType.UNKNOWN;
            if (types[i] != ActionType.UNKNOWN) {
                actions[i] = new Struct<>(FieldTable.of(types[i]), t.asGroupType());
            }
        }
    }

    /** Appends the actions of {@code row} to {@code out}. */
    void decode(Group row, List<Action> out) {
        for (int i = 0; i < types.length; i++) {
            if (row.getFieldRepetitionCount(i) == 0) {
                continue;
            }
            if (actions[i] == null) {
                out.add(new UnknownAction(row.getType().getFieldName(i), ParquetJson.field(row, i)));
            } else {
                out.add((Action) actions[i].decode(row.getGroup(i, 0)));
            }
        }
    }

    /** The sidecar action of a row's {@code sidecar} group (V2 checkpoints list their sidecars this way). */
    static Sidecar sidecar(Group g) {
        return new Struct<>(Sidecar.FIELDS, g.getType()).decode(g);
    }

    /** Decodes one struct (an action, or a struct field inside one) of a fixed Parquet type by its table. */
    private static final class Struct<T> {
        private final FieldTable<T> table;
        /** Per column: the index of the field it fills, or -1 (kept in extra). */
        private final int[] fieldOf;
        /** Per column: the type of the field it fills (null for -1). */
        private final FieldType[] typeOf;
        /** Per column: the decoder of a struct field's group; null for other columns. */
        private final Struct<?>[] nested;

        Struct(FieldTable<T> table, GroupType type) {
            this.table = table;
            int n = type.getFieldCount();
            fieldOf = new int[n];
            typeOf = new FieldType[n];
            nested = new Struct<?>[n];
            for (int i = 0; i < n; i++) {
                fieldOf[i] = table.indexOf(type.getFieldName(i));
                typeOf[i] = fieldOf[i] < 0 ? null : table.field(fieldOf[i]).type();
                Type t = type.getType(i);
                if (fieldOf[i] >= 0 && !t.isPrimitive()) {
                    FieldTable<?> inner = table.field(fieldOf[i]).struct();
                    if (inner != null) {
                        nested[i] = new Struct<>(inner, t.asGroupType());
                    }
                }
            }
        }

        T decode(Group g) {
            StructFields f = new StructFields(g);
            Object[] values = values(f);
            Field<T> missing = table.firstMissing(values);
            if (missing != null) {
                throw new BadRowException("'" + table.name() + "' has no " + missing.type().label() + " field '"
                        + missing.name() + "'");
            }
            return table.create(values, f.extra());
        }

        private Object[] values(StructFields f) {
            Object[] values = new Object[table.size()];
            for (int i = 0; i < fieldOf.length; i++) {
                if (!f.present(i)) {
                    continue;
                }
                int k = fieldOf[i];
                if (k < 0) {
                    f.keep(i);
                    continue;
                }
                values[k] = switch (typeOf[i]) {
                    case STRING -> f.text(i);
                    case LONG -> f.longValue(i);
                    case EPOCH_MILLIS -> f.epochMillis(i); // old writers stored commitInfo.timestamp as INT96
                    case INT -> f.intValue(i);
                    case BOOLEAN -> f.bool(i);
                    case STRING_MAP -> f.stringMap(i);
                    case STRING_LIST -> f.stringList(i);
                    case STRUCT -> struct(f, i);
                };
            }
            return values;
        }

        /** A struct field: with its own extra, always typed; otherwise typed only when every column inside is. */
        private Object struct(StructFields parent, int i) {
            Struct<?> inner = nested[i];
            Group g = inner == null ? null : parent.group(i);
            if (g == null) {
                parent.keep(i);
                return null;
            }
            if (inner.table.hasExtra()) {
                return inner.decode(g);
            }
            StructFields f = new StructFields(g);
            Object[] values = inner.values(f);
            if (f.extra() != null) {
                parent.keep(i);
                return null;
            }
            return inner.table.create(values, null);
        }
    }

    /** A row that is not a valid action; the reader adds file, version and row. */
    static final class BadRowException extends RuntimeException {
        BadRowException(String message) {
            super(message);
        }
    }
}
