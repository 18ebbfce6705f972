package io.deltasql.reader.engine;

import io.deltasql.log.action.Field;
import io.deltasql.log.action.FieldTable;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A record of the model (an add, its deletion vector) as a Kernel {@link Row} of the struct Kernel
 * reads: each of the struct's fields is the record's field of that name, found through the record's
 * {@link FieldTable} ({@link Layout}, once per struct); a field the record does not have is null.
 * What {@code parseJson} would make of the record's log line, without writing and parsing the line.
 */
final class FieldRow<T> implements Row {
    private final Layout<T> layout;
    private final T record;

    FieldRow(Layout<T> layout, T record) {
        this.layout = layout;
        this.record = record;
    }

    /** For each field of a Kernel struct, the model's field of the same name (or null). */
    static final class Layout<T> {
        final StructType schema;
        private final Field<T>[] fields;
        private final Layout<?>[] structs;

        @SuppressWarnings("unchecked")
        Layout(StructType schema, FieldTable<T> table) {
            this.schema = schema;
            this.fields = (Field<T>[]) new Field<?>[schema.length()];
            this.structs = new Layout<?>[schema.length()];
            for (int i = 0; i < schema.length(); i++) {
                int at = table.indexOf(schema.at(i).getName());
                if (at >= 0) {
                    fields[i] = table.field(at);
                    if (fields[i].struct() != null && schema.at(i).getDataType() instanceof StructType s) {
                        structs[i] = new Layout<>(s, fields[i].struct());
                    }
                }
            }
        }

        Object value(T record, int ordinal) {
            Field<T> f = fields[ordinal];
            return f == null ? null : f.get(record);
        }
    }

    private Object value(int ordinal) {
        return layout.value(record, ordinal);
    }

    @Override
    public StructType getSchema() {
        return layout.schema;
    }

    @Override
    public boolean isNullAt(int ordinal) {
        return value(ordinal) == null;
    }

    @Override
    public boolean getBoolean(int ordinal) {
        return (Boolean) value(ordinal);
    }

    @Override
    public byte getByte(int ordinal) {
        return ((Number) value(ordinal)).byteValue();
    }

    @Override
    public short getShort(int ordinal) {
        return ((Number) value(ordinal)).shortValue();
    }

    @Override
    public int getInt(int ordinal) {
        return ((Number) value(ordinal)).intValue();
    }

    @Override
    public long getLong(int ordinal) {
        return ((Number) value(ordinal)).longValue();
    }

    @Override
    public float getFloat(int ordinal) {
        return ((Number) value(ordinal)).floatValue();
    }

    @Override
    public double getDouble(int ordinal) {
        return ((Number) value(ordinal)).doubleValue();
    }

    @Override
    public String getString(int ordinal) {
        return (String) value(ordinal);
    }

    @Override
    public BigDecimal getDecimal(int ordinal) {
        throw new UnsupportedOperationException("no decimal field in an action");
    }

    @Override
    public byte[] getBinary(int ordinal) {
        throw new UnsupportedOperationException("no binary field in an action");
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Row getStruct(int ordinal) {
        Object v = value(ordinal);
        Layout nested = layout.structs[ordinal];
        if (nested == null) {
            throw new UnsupportedOperationException(layout.schema.at(ordinal).getName() + " is not a struct of the model");
        }
        return v == null ? null : new FieldRow<>(nested, v);
    }

    @Override
    @SuppressWarnings("unchecked")
    public ArrayValue getArray(int ordinal) {
        List<String> list = (List<String>) value(ordinal);
        return list == null ? null : VectorUtils.buildArrayValue(list, StringType.STRING);
    }

    @Override
    @SuppressWarnings("unchecked")
    public MapValue getMap(int ordinal) {
        Map<String, String> map = (Map<String, String>) value(ordinal);
        return map == null ? null : VectorUtils.stringStringMapValue(map);
    }
}
