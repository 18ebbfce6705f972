package io.deltasql.reader.engine;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;

/** One row of a log file's read schema holding a single action: the action's column is {@code action}, every other column null. */
final class ActionRow implements Row {
    private final StructType schema;
    private final int ordinal;
    private final Row action;

    ActionRow(StructType schema, int ordinal, Row action) {
        this.schema = schema;
        this.ordinal = ordinal;
        this.action = action;
    }

    @Override
    public StructType getSchema() {
        return schema;
    }

    @Override
    public boolean isNullAt(int i) {
        return i != ordinal;
    }

    @Override
    public Row getStruct(int i) {
        return i == ordinal ? action : null;
    }

    private static UnsupportedOperationException notAStruct() {
        return new UnsupportedOperationException("a log row's columns are actions (structs)");
    }

    @Override
    public boolean getBoolean(int i) {
        throw notAStruct();
    }

    @Override
    public byte getByte(int i) {
        throw notAStruct();
    }

    @Override
    public short getShort(int i) {
        throw notAStruct();
    }

    @Override
    public int getInt(int i) {
        throw notAStruct();
    }

    @Override
    public long getLong(int i) {
        throw notAStruct();
    }

    @Override
    public float getFloat(int i) {
        throw notAStruct();
    }

    @Override
    public double getDouble(int i) {
        throw notAStruct();
    }

    @Override
    public String getString(int i) {
        throw notAStruct();
    }

    @Override
    public BigDecimal getDecimal(int i) {
        throw notAStruct();
    }

    @Override
    public byte[] getBinary(int i) {
        throw notAStruct();
    }

    @Override
    public ArrayValue getArray(int i) {
        throw notAStruct();
    }

    @Override
    public MapValue getMap(int i) {
        throw notAStruct();
    }
}
