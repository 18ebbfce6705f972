package io.deltasql.log.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Renders any Parquet value of a checkpoint row as JSON, losslessly where JSON allows: structs as
 * objects, MAPs as objects (keys as text), LISTs as arrays, decimals as exact numbers, dates as
 * {@code yyyy-MM-dd}, timestamps as ISO-8601 ({@code Z} when UTC-adjusted, microsecond precision
 * kept), INT96 as a UTC timestamp, non-text binary as base64. Used for {@code stats_parsed},
 * {@code partitionValues_parsed}, fields this reader does not type, and unknown top-level columns.
 */
final class ParquetJson {
    /** Exact decimals: a DECIMAL(10,2) value 1.50 stays 1.50 (the default factory would strip the zero). */
    @SuppressWarnings("deprecation")
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** Julian day number of 1970-01-01, the INT96 timestamp epoch offset. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private ParquetJson() {
    }

    /** The value of field {@code field} of {@code g}: an array if the field is repeated, else its single value. */
    static JsonNode field(Group g, int field) {
        Type t = g.getType().getType(field);
        int n = g.getFieldRepetitionCount(field);
        if (t.isRepetition(Type.Repetition.REPEATED)) {
            ArrayNode a = NODES.arrayNode(n);
            for (int i = 0; i < n; i++) {
                a.add(value(g, field, i, t));
            }
            return a;
        }
        return n == 0 ? NODES.nullNode() : value(g, field, 0, t);
    }

    static JsonNode value(Group g, int field, int index, Type t) {
        if (t.isPrimitive()) {
            return primitive(g, field, index, t.asPrimitiveType());
        }
        Group child = g.getGroup(field, index);
        GroupType gt = t.asGroupType();
        LogicalTypeAnnotation a = gt.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
            return map(child);
        }
        if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            return list(child, gt);
        }
        return struct(child);
    }

    static ObjectNode struct(Group g) {
        GroupType gt = g.getType();
        ObjectNode o = NODES.objectNode();
        for (int i = 0; i < gt.getFieldCount(); i++) {
            if (g.getFieldRepetitionCount(i) > 0 || gt.getType(i).isRepetition(Type.Repetition.REPEATED)) {
                o.set(gt.getFieldName(i), field(g, i));
            }
        }
        return o;
    }

    /** A MAP: one repeated key_value group with key (field 0) and value (field 1). */
    static ObjectNode map(Group mapGroup) {
        ObjectNode o = NODES.objectNode();
        if (mapGroup.getType().getFieldCount() == 0) {
            return o;
        }
        int n = mapGroup.getFieldRepetitionCount(0);
        for (int i = 0; i < n; i++) {
            Group kv = mapGroup.getGroup(0, i);
            JsonNode key = field(kv, 0);
            JsonNode value = kv.getType().getFieldCount() > 1 ? field(kv, 1) : NODES.nullNode();
            o.set(key.isTextual() ? key.textValue() : key.toString(), value);
        }
        return o;
    }

    /** A LIST in the standard three-level form or one of the legacy two-level forms. */
    static ArrayNode list(Group listGroup, GroupType listType) {
        ArrayNode a = NODES.arrayNode();
        if (listType.getFieldCount() == 0) {
            return a;
        }
        Type repeated = listType.getType(0);
        int n = listGroup.getFieldRepetitionCount(0);
        boolean threeLevel = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
                && !repeated.getName().equals("array") && !repeated.getName().equals(listType.getName() + "_tuple");
        for (int i = 0; i < n; i++) {
            if (threeLevel) {
                Group element = listGroup.getGroup(0, i);
                a.add(field(element, 0));
            } else {
                a.add(value(listGroup, 0, i, repeated));
            }
        }
        return a;
    }

    static JsonNode primitive(Group g, int field, int index, PrimitiveType t) {
        LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
        switch (t.getPrimitiveTypeName()) {
            case BOOLEAN:
                return NODES.booleanNode(g.getBoolean(field, index));
            case INT32: {
                int v = g.getInteger(field, index);
                if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return NODES.textNode(LocalDate.ofEpochDay(v).toString());
                }
                if (a instanceof DecimalLogicalTypeAnnotation d) {
                    return NODES.numberNode(BigDecimal.valueOf(v, d.getScale()));
                }
                if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
                    return NODES.numberNode(Integer.toUnsignedLong(v));
                }
                if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
                    return NODES.textNode(java.time.LocalTime.ofNanoOfDay(v * 1_000_000L).toString());
                }
                return NODES.numberNode(v);
            }
            case INT64: {
                long v = g.getLong(field, index);
                if (a instanceof TimestampLogicalTypeAnnotation ts) {
                    return NODES.textNode(timestamp(v, ts.getUnit(), ts.isAdjustedToUTC()));
                }
                if (a instanceof DecimalLogicalTypeAnnotation d) {
                    return NODES.numberNode(BigDecimal.valueOf(v, d.getScale()));
                }
                if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
                    return NODES.numberNode(new BigInteger(Long.toUnsignedString(v)));
                }
                return NODES.numberNode(v);
            }
            case INT96:
                return NODES.textNode(int96(g.getInt96(field, index)).toString());
            case FLOAT: {
                float v = g.getFloat(field, index);
                return Float.isFinite(v) ? NODES.numberNode(v) : NODES.textNode(Float.toString(v));
            }
            case DOUBLE: {
                double v = g.getDouble(field, index);
                return Double.isFinite(v) ? NODES.numberNode(v) : NODES.textNode(Double.toString(v));
            }
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY: {
                Binary b = g.getBinary(field, index);
                if (a instanceof DecimalLogicalTypeAnnotation d) {
                    return NODES.numberNode(new BigDecimal(new BigInteger(b.getBytes()), d.getScale()));
                }
                if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return NODES.textNode(b.toStringUsingUTF8());
                }
                if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    ByteBuffer bb = b.toByteBuffer();
                    return NODES.textNode(new java.util.UUID(bb.getLong(), bb.getLong()).toString());
                }
                return NODES.textNode(Base64.getEncoder().encodeToString(b.getBytes()));
            }
            default:
                throw new IllegalStateException("unknown parquet type " + t.getPrimitiveTypeName());
        }
    }

    /** INT96 (nanos of day, then Julian day, little-endian) as an instant. */
    static Instant int96(Binary b) {
        ByteBuffer bb = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = bb.getLong();
        long julianDay = Integer.toUnsignedLong(bb.getInt());
        return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L, nanosOfDay);
    }

    static String timestamp(long v, TimeUnit unit, boolean utc) {
        Instant instant;
        switch (unit) {
            case MILLIS:
                instant = Instant.ofEpochMilli(v);
                break;
            case MICROS:
                instant = Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
                break;
            default:
                instant = Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
        }
        return utc ? instant.toString() : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    /** Epoch millis of a timestamp-like primitive (INT96, or INT64 annotated as a timestamp); null otherwise. */
    static Long epochMillis(Group g, int field, PrimitiveType t) {
        if (t.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
            return int96(g.getInt96(field, 0)).toEpochMilli();
        }
        if (t.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64
                && t.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation ts) {
            long v = g.getLong(field, 0);
            switch (ts.getUnit()) {
                case MILLIS:
                    return v;
                case MICROS:
                    return Math.floorDiv(v, 1000L);
                default:
                    return Math.floorDiv(v, 1_000_000L);
            }
        }
        return null;
    }
}
