package io.deltasql.reader;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel's values as plain Java values for printing and comparing: numbers, booleans and strings as
 * they are; decimals as {@link java.math.BigDecimal}; dates ({@code 2024-05-01}), timestamps
 * ({@code 2024-05-01T12:00:00Z}, UTC) and timestamps without zone ({@code 2024-05-01T12:00}) as ISO
 * text; binary as {@code 0x…} hex; structs and maps as ordered maps; arrays as lists; null as null.
 * A struct's fields are named by the row's declared (logical) schema at any depth — under column
 * mapping Kernel's scan leaves nested fields with their physical names.
 */
public final class RowValues {
    private RowValues() {
    }

    /** The row's columns by name, in schema order. */
    public static Map<String, Object> of(Row row) {
        return struct(row, row.getSchema());
    }

    /** Column {@code ordinal} of {@code row}. */
    public static Object value(Row row, int ordinal) {
        return row.isNullAt(ordinal) ? null : typed(row, ordinal, row.getSchema().at(ordinal).getDataType());
    }

    /**
     * A struct's fields by the names its declared type gives them. Under column mapping Kernel's scan
     * names a nested struct's own fields by their physical names ({@code col-…}); the row's schema
     * declares the logical ones, in the same order.
     */
    private static Map<String, Object> struct(Row struct, StructType declared) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int f = 0; f < declared.length(); f++) {
            out.put(declared.at(f).getName(), struct.isNullAt(f) ? null : typed(struct, f, declared.at(f).getDataType()));
        }
        return out;
    }

    private static Object typed(Row row, int ordinal, DataType declared) {
        if (declared instanceof StructType s) {
            return struct(row.getStruct(ordinal), s);
        }
        if (declared instanceof ArrayType a) {
            return list(row.getArray(ordinal), a);
        }
        if (declared instanceof MapType m) {
            return map(row.getMap(ordinal), m);
        }
        return scalar(row.getSchema().at(ordinal).getDataType(), new RowScalar(row, ordinal));
    }

    /** Element {@code i} of {@code v}, its structs' fields named by {@code declared}; scalars by the vector's own type. */
    private static Object value(ColumnVector v, int i, DataType declared) {
        if (v.isNullAt(i)) {
            return null;
        }
        if (declared instanceof StructType s) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int f = 0; f < s.length(); f++) {
                out.put(s.at(f).getName(), value(v.getChild(f), i, s.at(f).getDataType()));
            }
            return out;
        }
        if (declared instanceof ArrayType a) {
            return list(v.getArray(i), a);
        }
        if (declared instanceof MapType m) {
            return map(v.getMap(i), m);
        }
        return scalar(v.getDataType(), new VectorScalar(v, i));
    }

    private static List<Object> list(ArrayValue array, ArrayType type) {
        List<Object> out = new ArrayList<>(array.getSize());
        ColumnVector elements = array.getElements();
        for (int i = 0; i < array.getSize(); i++) {
            out.add(value(elements, i, type.getElementType()));
        }
        return out;
    }

    private static Map<Object, Object> map(MapValue map, MapType type) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < map.getSize(); i++) {
            out.put(value(map.getKeys(), i, type.getKeyType()), value(map.getValues(), i, type.getValueType()));
        }
        return out;
    }

    /** One non-null scalar, wherever it sits (a row's column or a vector's element). */
    private interface Scalar {
        boolean bool();

        byte int8();

        short int16();

        int int32();

        long int64();

        float float32();

        double float64();

        String string();

        byte[] binary();

        java.math.BigDecimal decimal();
    }

    private static Object scalar(DataType type, Scalar s) {
        if (type instanceof BooleanType) {
            return s.bool();
        } else if (type instanceof ByteType) {
            return s.int8();
        } else if (type instanceof ShortType) {
            return s.int16();
        } else if (type instanceof IntegerType) {
            return s.int32();
        } else if (type instanceof LongType) {
            return s.int64();
        } else if (type instanceof FloatType) {
            return s.float32();
        } else if (type instanceof DoubleType) {
            return s.float64();
        } else if (type instanceof StringType) {
            return s.string();
        } else if (type instanceof BinaryType) {
            return "0x" + HexFormat.of().formatHex(s.binary());
        } else if (type instanceof DecimalType) {
            return s.decimal();
        } else if (type instanceof DateType) {
            return LocalDate.ofEpochDay(s.int32()).toString();
        } else if (type instanceof TimestampType) {
            long micros = s.int64();
            return Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000L)).toString();
        } else if (type instanceof TimestampNTZType) {
            long micros = s.int64();
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC).toString();
        }
        return "<" + type + ">"; // variant and future types: named, not guessed
    }

    private record RowScalar(Row r, int i) implements Scalar {
        public boolean bool() { return r.getBoolean(i); }
        public byte int8() { return r.getByte(i); }
        public short int16() { return r.getShort(i); }
        public int int32() { return r.getInt(i); }
        public long int64() { return r.getLong(i); }
        public float float32() { return r.getFloat(i); }
        public double float64() { return r.getDouble(i); }
        public String string() { return r.getString(i); }
        public byte[] binary() { return r.getBinary(i); }
        public java.math.BigDecimal decimal() { return r.getDecimal(i); }
    }

    private record VectorScalar(ColumnVector v, int i) implements Scalar {
        public boolean bool() { return v.getBoolean(i); }
        public byte int8() { return v.getByte(i); }
        public short int16() { return v.getShort(i); }
        public int int32() { return v.getInt(i); }
        public long int64() { return v.getLong(i); }
        public float float32() { return v.getFloat(i); }
        public double float64() { return v.getDouble(i); }
        public String string() { return v.getString(i); }
        public byte[] binary() { return v.getBinary(i); }
        public java.math.BigDecimal decimal() { return v.getDecimal(i); }
    }
}
