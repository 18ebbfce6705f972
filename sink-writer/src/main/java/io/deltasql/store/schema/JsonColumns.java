package io.deltasql.store.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.DeletionVector;
import java.util.List;
import java.util.Map;

/** The JSON text of jsonb columns (maps, lists, deletion vectors, extra) and back. */
public final class JsonColumns {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private JsonColumns() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return ActionCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String write(DeletionVector dv) {
        return dv == null ? null : write(ActionCodec.toNode(dv));
    }

    public static Map<String, String> stringMap(String json) {
        return json == null ? null : read(json, STRING_MAP);
    }

    public static List<String> stringList(String json) {
        return json == null ? null : read(json, STRING_LIST);
    }

    public static ObjectNode object(String json) {
        JsonNode n = node(json);
        return n == null ? null : (ObjectNode) n;
    }

    public static JsonNode node(String json) {
        if (json == null) {
            return null;
        }
        try {
            return ActionCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
        }
    }

    public static DeletionVector deletionVector(String json) {
        return json == null ? null : ActionCodec.deletionVectorFromJson(object(json));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return ActionCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
        }
    }
}
