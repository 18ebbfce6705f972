package io.deltasql.log.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Typed access to the fields of one action struct of a checkpoint row. A null Parquet value is an
 * absent field; a value whose Parquet type does not fit the typed component is rendered as JSON
 * into {@link #extra()} (as is every field the caller {@link #keep keeps}), so nothing is lost.
 */
final class StructFields {
    private final Group group;
    private final GroupType type;
    private ObjectNode extra;

    StructFields(Group group) {
        this.group = group;
        this.type = group.getType();
    }

    int count() {
        return type.getFieldCount();
    }

    boolean present(int i) {
        return group.getFieldRepetitionCount(i) > 0;
    }

    String name(int i) {
        return type.getFieldName(i);
    }

    Group group(int i) {
        return type.getType(i).isPrimitive() ? null : group.getGroup(i, 0);
    }

    String text(int i) {
        Type t = type.getType(i);
        if (t.isPrimitive() && t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                && !t.isRepetition(Type.Repetition.REPEATED)) {
            return group.getString(i, 0);
        }
        keep(i);
        return null;
    }

    Long longValue(int i) {
        Type t = type.getType(i);
        if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)) {
            PrimitiveType p = t.asPrimitiveType();
            LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
            if (p.getPrimitiveTypeName() == PrimitiveTypeName.INT64 && a == null) {
                return group.getLong(i, 0);
            }
            if (p.getPrimitiveTypeName() == PrimitiveTypeName.INT32 && a == null) {
                return (long) group.getInteger(i, 0);
            }
        }
        keep(i);
        return null;
    }

    /** A timestamp in epoch millis: INT64 as is, or an INT96 / annotated timestamp converted. */
    Long epochMillis(int i) {
        Type t = type.getType(i);
        if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)) {
            Long v = ParquetJson.epochMillis(group, i, t.asPrimitiveType());
            if (v != null) {
                return v;
            }
        }
        return longValue(i);
    }

    Integer intValue(int i) {
        Type t = type.getType(i);
        if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)
                && t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32
                && t.getLogicalTypeAnnotation() == null) {
            return group.getInteger(i, 0);
        }
        if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)
                && t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64
                && t.getLogicalTypeAnnotation() == null) {
            long v = group.getLong(i, 0);
            if (v == (int) v) {
                return (int) v;
            }
        }
        keep(i);
        return null;
    }

    Boolean bool(int i) {
        Type t = type.getType(i);
        if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)
                && t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BOOLEAN) {
            return group.getBoolean(i, 0);
        }
        keep(i);
        return null;
    }

    /** A MAP of string keys to string (or null) values. */
    Map<String, String> stringMap(int i) {
        Type t = type.getType(i);
        if (!t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED) && isStringMap(t.asGroupType())) {
            Group m = group.getGroup(i, 0);
            int n = m.getFieldRepetitionCount(0);
            if (n == 0) {
                return Collections.emptyMap();
            }
            Map<String, String> map = new LinkedHashMap<>(n * 2);
            for (int j = 0; j < n; j++) {
                Group kv = m.getGroup(0, j);
                map.put(kv.getString(0, 0), kv.getFieldRepetitionCount(1) == 0 ? null : kv.getString(1, 0));
            }
            return map;
        }
        keep(i);
        return null;
    }

    /** A LIST of strings (standard three-level form or a legacy form); a null element makes it untyped. */
    List<String> stringList(int i) {
        Type t = type.getType(i);
        if (!t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)
                && t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            var array = ParquetJson.list(group.getGroup(i, 0), t.asGroupType());
            List<String> list = new ArrayList<>(array.size());
            boolean allText = true;
            for (var item : array) {
                if (!item.isTextual()) {
                    allText = false;
                    break;
                }
                list.add(item.textValue());
            }
            if (allText) {
                return list;
            }
        }
        keep(i);
        return null;
    }

    /** Keeps field {@code i} as JSON in extra. */
    void keep(int i) {
        keep(name(i), ParquetJson.field(group, i));
    }

    void keep(String name, com.fasterxml.jackson.databind.JsonNode value) {
        if (extra == null) {
            extra = JsonNodeFactory.instance.objectNode();
        }
        extra.set(name, value);
    }

    ObjectNode extra() {
        return extra;
    }

    private static boolean isStringMap(GroupType map) {
        if (map.getFieldCount() != 1 || map.getType(0).isPrimitive()) {
            return false;
        }
        GroupType kv = map.getType(0).asGroupType();
        return kv.getFieldCount() == 2 && isString(kv.getType(0)) && isString(kv.getType(1));
    }

    private static boolean isString(Type t) {
        return t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)
                && t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
    }
}
