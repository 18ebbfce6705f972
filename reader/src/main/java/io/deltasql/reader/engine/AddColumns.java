package io.deltasql.reader.engine;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Field;
import io.deltasql.log.action.FieldTable;
import io.deltasql.store.read.LiveFileRow;
import io.deltasql.store.schema.JsonColumns;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.defaults.internal.data.vector.DefaultBooleanVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultIntVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultLongVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultMapVector;
import io.delta.kernel.defaults.internal.data.vector.DefaultStructVector;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Adds as one columnar batch of a checkpoint's read schema: the {@code add} column is a struct vector
 * built column by column from the model's {@link AddFile}s (each field through its {@link FieldTable}),
 * every other column of the read schema is all null. What Kernel gets from a Parquet checkpoint —
 * primitive arrays it reads with its vectorised paths — where {@link FieldRow}s made it go through
 * one boxed value at a time. The adds come as records, or as rows of the store ({@link LiveFileRow}):
 * a common row's fields go straight into the columns, its rare ones are null. A read schema this
 * cannot build (a field type of the model with no column here) is {@link #supports refused}; the
 * caller then uses rows.
 */
final class AddColumns {
    private final StructType readSchema;
    private final int addOrdinal;
    private final StructColumn<AddFile> add;
    private int size;

    private AddColumns(StructType readSchema, int addOrdinal, StructColumn<AddFile> add) {
        this.readSchema = readSchema;
        this.addOrdinal = addOrdinal;
        this.add = add;
    }

    /** A builder for {@code readSchema}'s add struct, or null when some field of it has a type this cannot build. */
    static AddColumns of(StructType readSchema, int addOrdinal, int capacity) {
        if (!(readSchema.at(addOrdinal).getDataType() instanceof StructType addType) || !supports(addType, AddFile.FIELDS)) {
            return null;
        }
        return new AddColumns(readSchema, addOrdinal, new StructColumn<>(addType, AddFile.FIELDS, capacity));
    }

    private static boolean supports(StructType type, FieldTable<?> table) {
        for (int i = 0; i < type.length(); i++) {
            int at = table.indexOf(type.at(i).getName());
            if (at < 0) {
                continue; // not in the model: a null column
            }
            Field<?> f = table.field(at);
            DataType t = type.at(i).getDataType();
            boolean ok = switch (f.type()) {
                case STRING -> t instanceof StringType;
                case LONG, EPOCH_MILLIS, INT -> t instanceof LongType || t instanceof IntegerType;
                case BOOLEAN -> t instanceof BooleanType;
                case STRING_MAP -> t instanceof MapType m && m.getKeyType() instanceof StringType
                        && m.getValueType() instanceof StringType;
                case STRUCT -> t instanceof StructType s && f.struct() != null && supports(s, f.struct());
                case STRING_LIST -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    void add(AddFile file) {
        add.add(file);
        size++;
    }

    /** A row with no {@link LiveFileRow#rare rare} field: the common fields from the row, no record made. */
    void add(LiveFileRow row) {
        add.addCommon(row);
        size++;
    }

    /** What the rows so far cost in memory, roughly: their strings and the vectors' slots. */
    long bytes() {
        return 96L * size + 2 * add.chars();
    }

    int size() {
        return size;
    }

    /** The batch of the adds so far; the builder starts empty again. */
    ColumnarBatch build() {
        ColumnVector[] vectors = new ColumnVector[readSchema.length()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = i == addOrdinal ? add.build(size) : new NullVector(readSchema.at(i).getDataType(), size);
        }
        ColumnarBatch batch = new DefaultColumnarBatch(size, readSchema, vectors);
        size = 0;
        return batch;
    }

    /** One column being filled: values appended, then built into a vector of the rows so far (and reset). */
    private abstract static class Column {
        abstract void add(Object value);

        /** A long (or an int) value, unboxed. */
        void addLong(long value) {
            add(value);
        }

        void addBoolean(boolean value) {
            add(value);
        }

        abstract ColumnVector build(int size);

        /** The characters of the strings added since the last build. */
        long chars() {
            return 0;
        }

        @SuppressWarnings("unchecked")
        static Column of(DataType type, Field<?> field, int capacity) {
            if (field == null) {
                return new Absent(type);
            }
            if (type instanceof StringType) {
                return new Strings(capacity);
            } else if (type instanceof LongType) {
                return new Longs(type, capacity);
            } else if (type instanceof IntegerType) {
                return new Ints(type, capacity);
            } else if (type instanceof BooleanType) {
                return new Booleans(capacity);
            } else if (type instanceof MapType m) {
                return new StringMaps(m, capacity);
            } else if (type instanceof StructType s) {
                return new StructColumn<>(s, (FieldTable<Object>) field.struct(), capacity);
            }
            throw new IllegalArgumentException("no column for " + type);
        }

        static boolean[] grow(boolean[] a, int n) {
            return n < a.length ? a : Arrays.copyOf(a, Math.max(16, a.length * 2));
        }
    }

    /** Which of a {@link LiveFileRow}'s getters fills a column of the add struct; {@code RARE}: null in a common row. */
    private enum Common {
        PATH, PARTITION_VALUES, SIZE, MODIFICATION_TIME, DATA_CHANGE, STATS, RARE;

        static Common of(String field) {
            return switch (field) {
                case "path" -> PATH;
                case "partitionValues" -> PARTITION_VALUES;
                case "size" -> SIZE;
                case "modificationTime" -> MODIFICATION_TIME;
                case "dataChange" -> DATA_CHANGE;
                case "stats" -> STATS;
                default -> RARE;
            };
        }
    }

    private static final class StructColumn<T> extends Column {
        private final StructType type;
        private final Field<T>[] fields;
        private final Column[] columns;
        private final Common[] common;
        private boolean[] nulls;
        private boolean anyNull;
        private int n;

        @SuppressWarnings("unchecked")
        StructColumn(StructType type, FieldTable<T> table, int capacity) {
            this.type = type;
            this.fields = (Field<T>[]) new Field<?>[type.length()];
            this.columns = new Column[type.length()];
            this.common = new Common[type.length()];
            for (int i = 0; i < type.length(); i++) {
                int at = table.indexOf(type.at(i).getName());
                fields[i] = at < 0 ? null : table.field(at);
                columns[i] = Column.of(type.at(i).getDataType(), fields[i], capacity);
                common[i] = fields[i] == null ? Common.RARE : Common.of(fields[i].name());
            }
            this.nulls = new boolean[capacity];
        }

        @Override
        @SuppressWarnings("unchecked")
        void add(Object value) {
            nulls = grow(nulls, n);
            T record = (T) value;
            nulls[n++] = record == null;
            anyNull |= record == null;
            for (int i = 0; i < columns.length; i++) {
                columns[i].add(record == null || fields[i] == null ? null : fields[i].get(record));
            }
        }

        /** The add struct of a common row ({@link #supports} made each column's type match its getter). */
        void addCommon(LiveFileRow row) {
            nulls = grow(nulls, n);
            nulls[n++] = false;
            for (int i = 0; i < columns.length; i++) {
                Column c = columns[i];
                switch (common[i]) {
                    case PATH -> c.add(row.path());
                    case PARTITION_VALUES -> ((StringMaps) c).addEntries(row);
                    case SIZE -> c.addLong(row.size());
                    case MODIFICATION_TIME -> c.addLong(row.modificationTime());
                    case DATA_CHANGE -> c.addBoolean(row.dataChange());
                    case STATS -> c.add(row.stats());
                    case RARE -> c.add(null);
                }
            }
        }

        @Override
        long chars() {
            long sum = 0;
            for (Column c : columns) {
                sum += c.chars();
            }
            return sum;
        }

        @Override
        ColumnVector build(int size) {
            ColumnVector[] members = new ColumnVector[columns.length];
            for (int i = 0; i < members.length; i++) {
                members[i] = columns[i].build(size);
            }
            Optional<boolean[]> mask = anyNull ? Optional.of(Arrays.copyOf(nulls, size)) : Optional.empty();
            n = 0;
            anyNull = false;
            return new DefaultStructVector(size, type, mask, members);
        }
    }

    /** A field the model does not have: all null. */
    private static final class Absent extends Column {
        private final DataType type;

        Absent(DataType type) {
            this.type = type;
        }

        @Override
        void add(Object value) {
        }

        @Override
        ColumnVector build(int size) {
            return new NullVector(type, size);
        }
    }

    private static final class Strings extends Column {
        private String[] values;
        private int n;
        private long chars;

        Strings(int capacity) {
            values = new String[capacity];
        }

        @Override
        void add(Object value) {
            if (n == values.length) {
                values = Arrays.copyOf(values, Math.max(16, n * 2));
            }
            String s = (String) value;
            values[n++] = s;
            chars += s == null ? 0 : s.length();
        }

        /** Drops the values from {@code from} on. */
        void truncate(int from) {
            for (int i = from; i < n; i++) {
                chars -= values[i] == null ? 0 : values[i].length();
                values[i] = null;
            }
            n = from;
        }

        @Override
        long chars() {
            return chars;
        }

        @Override
        ColumnVector build(int size) {
            ColumnVector v = new StringVector(Arrays.copyOf(values, size));
            Arrays.fill(values, 0, n, null);
            n = 0;
            chars = 0;
            return v;
        }
    }

    /** Longs and ints: a null is added as 0, then marked in the null mask this class keeps. */
    private abstract static class Numbers extends Column {
        final DataType type;
        private boolean[] nulls;
        private boolean anyNull;
        int n;

        Numbers(DataType type, int capacity) {
            this.type = type;
            nulls = new boolean[capacity];
        }

        @Override
        final void add(Object value) {
            addLong(value == null ? 0 : ((Number) value).longValue());
            if (value == null) {
                nulls[n - 1] = true;
                anyNull = true;
            }
        }

        /** The index of the row being added (not null so far); the subclass stores its value there. */
        final int nextRow() {
            nulls = grow(nulls, n);
            nulls[n] = false;
            return n++;
        }

        /** The null mask of the first {@code size} rows, if any is null; then the column starts again empty. */
        final Optional<boolean[]> takeNulls(int size) {
            Optional<boolean[]> mask = anyNull ? Optional.of(Arrays.copyOf(nulls, size)) : Optional.empty();
            n = 0;
            anyNull = false;
            return mask;
        }
    }

    private static final class Longs extends Numbers {
        private long[] values;

        Longs(DataType type, int capacity) {
            super(type, capacity);
            values = new long[capacity];
        }

        @Override
        void addLong(long value) {
            if (n == values.length) {
                values = Arrays.copyOf(values, Math.max(16, n * 2));
            }
            values[nextRow()] = value;
        }

        @Override
        ColumnVector build(int size) {
            return new DefaultLongVector(type, size, takeNulls(size), Arrays.copyOf(values, size));
        }
    }

    private static final class Ints extends Numbers {
        private int[] values;

        Ints(DataType type, int capacity) {
            super(type, capacity);
            values = new int[capacity];
        }

        @Override
        void addLong(long value) {
            if (n == values.length) {
                values = Arrays.copyOf(values, Math.max(16, n * 2));
            }
            values[nextRow()] = (int) value;
        }

        @Override
        ColumnVector build(int size) {
            return new DefaultIntVector(type, size, takeNulls(size), Arrays.copyOf(values, size));
        }
    }

    private static final class Booleans extends Column {
        private boolean[] values;
        private boolean[] nulls;
        private boolean anyNull;
        private int n;

        Booleans(int capacity) {
            values = new boolean[capacity];
            nulls = new boolean[capacity];
        }

        @Override
        void add(Object value) {
            values = grow(values, n);
            nulls = grow(nulls, n);
            nulls[n] = value == null;
            anyNull |= value == null;
            values[n++] = value != null && (Boolean) value;
        }

        @Override
        void addBoolean(boolean value) {
            values = grow(values, n);
            nulls = grow(nulls, n);
            nulls[n] = false;
            values[n++] = value;
        }

        @Override
        ColumnVector build(int size) {
            ColumnVector v = new DefaultBooleanVector(size, anyNull ? Optional.of(Arrays.copyOf(nulls, size)) : Optional.empty(),
                    Arrays.copyOf(values, size));
            n = 0;
            anyNull = false;
            return v;
        }
    }

    /** A {@code map<string,string>}: one key and one value vector for all rows, each row an offset range of them. */
    private static final class StringMaps extends Column implements JsonColumns.Entries {
        private final MapType type;
        private final Strings keys = new Strings(64);
        private final Strings values = new Strings(64);
        private int[] offsets;
        private boolean[] nulls;
        private boolean anyNull;
        private int n;
        private int entries;

        StringMaps(MapType type, int capacity) {
            this.type = type;
            offsets = new int[capacity + 1];
            nulls = new boolean[capacity];
        }

        @Override
        @SuppressWarnings("unchecked")
        void add(Object value) {
            if (n + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, Math.max(16, offsets.length * 2));
            }
            nulls = grow(nulls, n);
            nulls[n] = value == null;
            anyNull |= value == null;
            if (value != null) {
                for (Map.Entry<String, String> e : ((Map<String, String>) value).entrySet()) {
                    keys.add(e.getKey());
                    values.add(e.getValue());
                    entries++;
                }
            }
            offsets[++n] = entries;
        }

        /** The row's map, its entries straight from the row's text into the key and value vectors. */
        void addEntries(LiveFileRow row) {
            if (n + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, Math.max(16, offsets.length * 2));
            }
            nulls = grow(nulls, n);
            boolean present = row.partitionValues(this);
            nulls[n] = !present;
            anyNull |= !present;
            offsets[++n] = entries;
        }

        @Override
        public void entry(String key, String value) {
            keys.add(key);
            values.add(value);
            entries++;
        }

        @Override
        public void restart() {
            entries = offsets[n];
            keys.truncate(entries);
            values.truncate(entries);
        }

        @Override
        long chars() {
            return 24L * entries + keys.chars() + values.chars();
        }

        @Override
        ColumnVector build(int size) {
            ColumnVector v = new DefaultMapVector(size, type, anyNull ? Optional.of(Arrays.copyOf(nulls, size)) : Optional.empty(),
                    Arrays.copyOf(offsets, size + 1), keys.build(entries), values.build(entries));
            n = 0;
            entries = 0;
            anyNull = false;
            return v;
        }
    }

    /** Strings by reference (Kernel's own string vector holds UTF-8 bytes: the values would be encoded and decoded again). */
    private static final class StringVector implements ColumnVector {
        private final String[] values;

        StringVector(String[] values) {
            this.values = values;
        }

        @Override
        public DataType getDataType() {
            return StringType.STRING;
        }

        @Override
        public int getSize() {
            return values.length;
        }

        @Override
        public boolean isNullAt(int rowId) {
            return values[rowId] == null;
        }

        @Override
        public String getString(int rowId) {
            return values[rowId];
        }

        @Override
        public void close() {
        }
    }

    /** A column of nulls of any type; a struct's members are null columns too. */
    static final class NullVector implements ColumnVector {
        private final DataType type;
        private final int size;

        NullVector(DataType type, int size) {
            this.type = type;
            this.size = size;
        }

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return size;
        }

        @Override
        public boolean isNullAt(int rowId) {
            return true;
        }

        @Override
        public String getString(int rowId) {
            return null;
        }

        @Override
        public ColumnVector getChild(int ordinal) {
            return new NullVector(((StructType) type).at(ordinal).getDataType(), size);
        }

        @Override
        public void close() {
        }
    }
}
