package io.deltasql.log.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Converts between a log line ({@code {"add":{…}}}) and the typed {@link Action} model.
 *
 * <p>{@code toJson(parse(line))} is JSON-equivalent to {@code line}: same fields and values, key
 * order and whitespace aside. The CLI's round-trip check, the Kafka record codec and the SQL store
 * all rely on this one pair of functions. Both are driven by each action's {@link FieldTable}: a
 * field is taken when its JSON value has the field's type, everything else stays in {@code extra}.
 */
public final class ActionCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Resolved once; ObjectMapper.readTree looks its deserializer up on every call. */
    private static final com.fasterxml.jackson.databind.ObjectReader TREE_READER = MAPPER.reader();

    private ActionCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses one line of a commit file. */
    public static Action parse(String line) {
        JsonNode root;
        try {
            root = TREE_READER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedActionException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedActionException("not a JSON object");
        }
        if (root.size() != 1) {
            throw new MalformedActionException("an action line must hold exactly one action, found "
                    + root.size() + " keys");
        }
        Map.Entry<String, JsonNode> entry = root.fields().next();
        // The tree was just parsed and belongs to nobody else: take its fields without a defensive copy.
        return build(entry.getKey(), entry.getValue(), false);
    }

    /** Builds the action named {@code key} from its JSON value (the object after the key); {@code value} is not modified. */
    public static Action fromJson(String key, JsonNode value) {
        return build(key, value, true);
    }

    /**
     * Like {@link #fromJson} for a value nobody else holds (a tree just parsed from a log line): its
     * fields are taken out of {@code value} without a defensive copy, so {@code value} is consumed.
     */
    public static Action fromParsedJson(String key, JsonNode value) {
        return build(key, value, false);
    }

    /** Parses JSON text into a tree with the codec's pre-resolved reader (what {@link #parse} uses). */
    public static JsonNode readTree(String json) throws JsonProcessingException {
        return TREE_READER.readTree(json);
    }

    private static Action build(String key, JsonNode value, boolean copy) {
        FieldTable<? extends Action> table = FieldTable.of(ActionType.fromKey(key));
        if (table == null) {
            return new UnknownAction(key, value);
        }
        if (!value.isObject()) {
            throw new MalformedActionException("'" + key + "' must be a JSON object");
        }
        return fromObject(table, copy ? ((ObjectNode) value).deepCopy() : (ObjectNode) value);
    }

    /**
     * The record of {@code table} from a JSON object this codec owns: each field is taken out when its
     * value has the field's type, and what is left is the record's extra.
     */
    private static <T> T fromObject(FieldTable<T> table, ObjectNode owned) {
        FieldTaker f = new FieldTaker(owned);
        Object[] values = new Object[table.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = take(f, table.field(i));
        }
        Field<T> missing = table.firstMissing(values);
        if (missing != null) {
            throw new MalformedActionException("'" + table.name() + "' has no " + missing.type().label()
                    + " field '" + missing.name() + "'");
        }
        return table.create(values, f.rest());
    }

    private static Object take(FieldTaker f, Field<?> field) {
        String name = field.name();
        return switch (field.type()) {
            case STRING -> f.text(name);
            case LONG, EPOCH_MILLIS -> f.longValue(name);
            case INT -> f.intValue(name);
            case BOOLEAN -> f.bool(name);
            case STRING_MAP -> f.stringMap(name);
            case STRING_LIST -> f.stringList(name);
            case STRUCT -> struct(f, field);
        };
    }

    /** A struct field: with its own extra, always typed; otherwise typed only when every field inside is. */
    private static Object struct(FieldTaker f, Field<?> field) {
        FieldTable<?> table = field.struct();
        if (table.hasExtra()) {
            ObjectNode node = f.object(field.name());
            return node == null ? null : fromObject(table, node);
        }
        ObjectNode node = f.peekObject(field.name());
        if (node == null) {
            return null;
        }
        FieldTaker inner = new FieldTaker(node.deepCopy());
        Object[] values = new Object[table.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = take(inner, table.field(i));
        }
        if (inner.rest() != null) {
            return null; // left whole in the parent's extra
        }
        f.object(field.name());
        return table.create(values, null);
    }

    /** The action as one log line, e.g. {@code {"add":{"path":…}}}. */
    public static String toJson(Action action) {
        try {
            return MAPPER.writeValueAsString(toNode(action));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + action.type(), e);
        }
    }

    /** The action as a JSON tree: an object with the action's key and its value. */
    public static ObjectNode toNode(Action action) {
        ObjectNode root = NODES.objectNode();
        if (action instanceof UnknownAction u) {
            root.set(u.key(), u.value());
            return root;
        }
        root.set(action.type().key(), toObject(FieldTable.of(action.type()), action));
        return root;
    }

    /** The deletion vector as its JSON object. */
    public static ObjectNode toNode(DeletionVector dv) {
        return toObject(DeletionVector.FIELDS, dv);
    }

    /** Parses a deletion vector from its JSON object; {@code node} is not modified. */
    public static DeletionVector deletionVectorFromJson(ObjectNode node) {
        return fromObject(DeletionVector.FIELDS, node.deepCopy());
    }

    /** Every non-null field of {@code record} by the table, then its extra. */
    private static <T> ObjectNode toObject(FieldTable<T> table, Object value) {
        T record = table.cast(value);
        ObjectNode o = NODES.objectNode();
        for (Field<T> field : table.fields()) {
            Object v = field.get(record);
            if (v != null) {
                put(o, field, v);
            }
        }
        ObjectNode extra = table.extraOf(record);
        if (extra != null) {
            o.setAll(extra);
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static void put(ObjectNode o, Field<?> field, Object v) {
        String name = field.name();
        switch (field.type()) {
            case STRING -> o.put(name, (String) v);
            case LONG, EPOCH_MILLIS -> o.put(name, (Long) v);
            case INT -> o.put(name, (Integer) v);
            case BOOLEAN -> o.put(name, (Boolean) v);
            case STRING_MAP -> {
                ObjectNode m = o.putObject(name);
                ((Map<String, String>) v).forEach(m::put);
            }
            case STRING_LIST -> {
                ArrayNode a = o.putArray(name);
                ((List<String>) v).forEach(a::add);
            }
            case STRUCT -> o.set(name, toObject(field.struct(), v));
        }
    }
}
