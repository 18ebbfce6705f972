package io.deltasql.log.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes typed fields out of an action's JSON object. A field is removed only when its value has the
 * expected type; an explicit null or an unexpected value stays behind, so what is left is exactly
 * the action's {@code extra}.
 */
final class FieldTaker {
    private final ObjectNode body;

    FieldTaker(ObjectNode body) {
        this.body = body;
    }

    String text(String name) {
        JsonNode v = body.get(name);
        if (v != null && v.isTextual()) {
            body.remove(name);
            return v.textValue();
        }
        return null;
    }

    Long longValue(String name) {
        JsonNode v = body.get(name);
        if (v != null && v.isIntegralNumber() && v.canConvertToLong()) {
            body.remove(name);
            return v.longValue();
        }
        return null;
    }

    Integer intValue(String name) {
        JsonNode v = body.get(name);
        if (v != null && v.isIntegralNumber() && v.canConvertToInt()) {
            body.remove(name);
            return v.intValue();
        }
        return null;
    }

    Boolean bool(String name) {
        JsonNode v = body.get(name);
        if (v != null && v.isBoolean()) {
            body.remove(name);
            return v.booleanValue();
        }
        return null;
    }

    /** A map of string (or null) values; anything else is left in extra. */
    Map<String, String> stringMap(String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isObject()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                map.put(e.getKey(), null);
            } else if (value.isTextual()) {
                map.put(e.getKey(), value.textValue());
            } else {
                return null;
            }
        }
        body.remove(name);
        return map;
    }

    List<String> stringList(String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isArray()) {
            return null;
        }
        List<String> list = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                return null;
            }
            list.add(item.textValue());
        }
        body.remove(name);
        return list;
    }

    ObjectNode object(String name) {
        JsonNode v = body.get(name);
        if (v != null && v.isObject()) {
            body.remove(name);
            return (ObjectNode) v;
        }
        return null;
    }

    /** The object field without taking it. */
    ObjectNode peekObject(String name) {
        JsonNode v = body.get(name);
        return v != null && v.isObject() ? (ObjectNode) v : null;
    }

    ObjectNode rest() {
        return body.isEmpty() ? null : body;
    }
}
