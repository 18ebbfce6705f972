package io.deltasql.reader.engine;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import java.util.List;

/** Log lines as a column of strings: the input of Kernel's {@code JsonHandler.parseJson}. */
final class JsonLineVector implements ColumnVector {
    private final List<String> lines;

    JsonLineVector(List<String> lines) {
        this.lines = lines;
    }

    @Override
    public DataType getDataType() {
        return StringType.STRING;
    }

    @Override
    public int getSize() {
        return lines.size();
    }

    @Override
    public boolean isNullAt(int rowId) {
        return lines.get(rowId) == null;
    }

    @Override
    public String getString(int rowId) {
        return lines.get(rowId);
    }

    @Override
    public void close() {
    }
}
