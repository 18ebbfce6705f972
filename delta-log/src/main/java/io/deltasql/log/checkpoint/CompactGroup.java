package io.deltasql.log.checkpoint;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * A read-only {@link Group} that costs one {@code Object[]} per struct: a single-valued field holds
 * its value directly (null = absent), only repeated fields get a list. parquet's SimpleGroup
 * allocates an ArrayList per field of every struct, which dominated checkpoint decoding. Text
 * columns arrive as decoded {@link String}s (see {@link CompactRecordMaterializer}).
 */
final class CompactGroup extends Group {
    /** The per-schema-node facts every instance shares. */
    static final class Shape {
        final GroupType type;
        final boolean[] repeated;

        Shape(GroupType type) {
            this.type = type;
            this.repeated = new boolean[type.getFieldCount()];
            for (int i = 0; i < repeated.length; i++) {
                repeated[i] = type.getType(i).isRepetition(Type.Repetition.REPEATED);
            }
        }
    }

    private final Shape shape;
    private final Object[] slots;

    CompactGroup(Shape shape) {
        this.shape = shape;
        this.slots = new Object[shape.repeated.length];
    }

    @SuppressWarnings("unchecked")
    void put(int field, Object value) {
        if (shape.repeated[field]) {
            List<Object> list = (List<Object>) slots[field];
            if (list == null) {
                list = new ArrayList<>(4);
                slots[field] = list;
            }
            list.add(value);
        } else {
            slots[field] = value;
        }
    }

    private Object get(int field, int index) {
        Object v = slots[field];
        if (shape.repeated[field]) {
            return ((List<?>) v).get(index);
        }
        if (v == null || index != 0) {
            throw new IndexOutOfBoundsException("field " + shape.type.getFieldName(field) + " has no value " + index);
        }
        return v;
    }

    @Override
    public int getFieldRepetitionCount(int field) {
        Object v = slots[field];
        if (v == null) {
            return 0;
        }
        return shape.repeated[field] ? ((List<?>) v).size() : 1;
    }

    @Override
    public GroupType getType() {
        return shape.type;
    }

    @Override
    public Group getGroup(int field, int index) {
        return (Group) get(field, index);
    }

    @Override
    public String getString(int field, int index) {
        Object v = get(field, index);
        return v instanceof String s ? s : ((Binary) v).toStringUsingUTF8();
    }

    @Override
    public Binary getBinary(int field, int index) {
        Object v = get(field, index);
        return v instanceof String s ? Binary.fromString(s) : (Binary) v;
    }

    @Override
    public Binary getInt96(int field, int index) {
        return (Binary) get(field, index);
    }

    @Override
    public int getInteger(int field, int index) {
        return (Integer) get(field, index);
    }

    @Override
    public long getLong(int field, int index) {
        return (Long) get(field, index);
    }

    @Override
    public double getDouble(int field, int index) {
        return (Double) get(field, index);
    }

    @Override
    public float getFloat(int field, int index) {
        return (Float) get(field, index);
    }

    @Override
    public boolean getBoolean(int field, int index) {
        return (Boolean) get(field, index);
    }

    @Override
    public String getValueToString(int field, int index) {
        return String.valueOf(get(field, index));
    }

    @Override
    public void add(int field, int value) {
        put(field, value);
    }

    @Override
    public void add(int field, long value) {
        put(field, value);
    }

    @Override
    public void add(int field, String value) {
        put(field, value);
    }

    @Override
    public void add(int field, boolean value) {
        put(field, value);
    }

    @Override
    public void add(int field, NanoTime value) {
        put(field, value.toBinary());
    }

    @Override
    public void add(int field, Binary value) {
        put(field, value);
    }

    @Override
    public void add(int field, float value) {
        put(field, value);
    }

    @Override
    public void add(int field, double value) {
        put(field, value);
    }

    @Override
    public void add(int field, Group value) {
        put(field, value);
    }

    @Override
    public Group addGroup(int field) {
        CompactGroup g = new CompactGroup(new Shape(shape.type.getType(field).asGroupType()));
        put(field, g);
        return g;
    }

    @Override
    public void writeValue(int field, int index, RecordConsumer recordConsumer) {
        throw new UnsupportedOperationException("checkpoint rows are read-only");
    }
}
