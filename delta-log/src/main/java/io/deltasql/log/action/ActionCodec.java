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
 * all rely on this one pair of functions.
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
        ActionType type = ActionType.fromKey(key);
        if (type == ActionType.UNKNOWN) {
            return new UnknownAction(key, value);
        }
        if (!value.isObject()) {
            throw new MalformedActionException("'" + key + "' must be a JSON object");
        }
        FieldTaker f = new FieldTaker(copy ? ((ObjectNode) value).deepCopy() : (ObjectNode) value);
        return switch (type) {
            case ADD -> new AddFile(required(f.text("path"), key, "path"), f.stringMap("partitionValues"),
                    f.longValue("size"), f.longValue("modificationTime"), f.bool("dataChange"), f.text("stats"),
                    f.stringMap("tags"), deletionVector(f), f.longValue("baseRowId"),
                    f.longValue("defaultRowCommitVersion"), f.text("clusteringProvider"), f.rest());
            case REMOVE -> new RemoveFile(required(f.text("path"), key, "path"), f.longValue("deletionTimestamp"),
                    f.bool("dataChange"), f.bool("extendedFileMetadata"), f.stringMap("partitionValues"),
                    f.longValue("size"), f.text("stats"), f.stringMap("tags"), deletionVector(f),
                    f.longValue("baseRowId"), f.longValue("defaultRowCommitVersion"), f.rest());
            case METADATA -> metadata(f);
            case PROTOCOL -> new Protocol(f.intValue("minReaderVersion"), f.intValue("minWriterVersion"),
                    f.stringList("readerFeatures"), f.stringList("writerFeatures"), f.rest());
            case TXN -> new Txn(required(f.text("appId"), key, "appId"), f.longValue("version"),
                    f.longValue("lastUpdated"), f.rest());
            case COMMIT_INFO -> new CommitInfo(f.longValue("timestamp"), f.longValue("inCommitTimestamp"),
                    f.text("operation"), f.rest());
            case CDC -> new Cdc(required(f.text("path"), key, "path"), f.stringMap("partitionValues"),
                    f.longValue("size"), f.bool("dataChange"), f.stringMap("tags"), f.rest());
            case DOMAIN_METADATA -> new DomainMetadata(required(f.text("domain"), key, "domain"),
                    f.text("configuration"), f.bool("removed"), f.rest());
            case CHECKPOINT_METADATA -> new CheckpointMetadata(f.longValue("version"), f.stringMap("tags"), f.rest());
            case SIDECAR -> new Sidecar(required(f.text("path"), key, "path"), f.longValue("sizeInBytes"),
                    f.longValue("modificationTime"), f.stringMap("tags"), f.rest());
            case UNKNOWN -> throw new IllegalStateException("handled above");
        };
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
        ObjectNode o = root.putObject(action.type().key());
        if (action instanceof AddFile a) {
            o.put("path", a.path());
            putMap(o, "partitionValues", a.partitionValues());
            putLong(o, "size", a.size());
            putLong(o, "modificationTime", a.modificationTime());
            putBool(o, "dataChange", a.dataChange());
            putText(o, "stats", a.stats());
            putMap(o, "tags", a.tags());
            putDeletionVector(o, a.deletionVector());
            putLong(o, "baseRowId", a.baseRowId());
            putLong(o, "defaultRowCommitVersion", a.defaultRowCommitVersion());
            putText(o, "clusteringProvider", a.clusteringProvider());
        } else if (action instanceof RemoveFile r) {
            o.put("path", r.path());
            putLong(o, "deletionTimestamp", r.deletionTimestamp());
            putBool(o, "dataChange", r.dataChange());
            putBool(o, "extendedFileMetadata", r.extendedFileMetadata());
            putMap(o, "partitionValues", r.partitionValues());
            putLong(o, "size", r.size());
            putText(o, "stats", r.stats());
            putMap(o, "tags", r.tags());
            putDeletionVector(o, r.deletionVector());
            putLong(o, "baseRowId", r.baseRowId());
            putLong(o, "defaultRowCommitVersion", r.defaultRowCommitVersion());
        } else if (action instanceof Metadata m) {
            putText(o, "id", m.id());
            putText(o, "name", m.name());
            putText(o, "description", m.description());
            if (m.formatProvider() != null || m.formatOptions() != null) {
                ObjectNode format = o.putObject("format");
                putText(format, "provider", m.formatProvider());
                putMap(format, "options", m.formatOptions());
            }
            putText(o, "schemaString", m.schemaString());
            putList(o, "partitionColumns", m.partitionColumns());
            putMap(o, "configuration", m.configuration());
            putLong(o, "createdTime", m.createdTime());
        } else if (action instanceof Protocol p) {
            if (p.minReaderVersion() != null) {
                o.put("minReaderVersion", p.minReaderVersion());
            }
            if (p.minWriterVersion() != null) {
                o.put("minWriterVersion", p.minWriterVersion());
            }
            putList(o, "readerFeatures", p.readerFeatures());
            putList(o, "writerFeatures", p.writerFeatures());
        } else if (action instanceof Txn t) {
            o.put("appId", t.appId());
            putLong(o, "version", t.version());
            putLong(o, "lastUpdated", t.lastUpdated());
        } else if (action instanceof CommitInfo c) {
            putLong(o, "timestamp", c.timestamp());
            putLong(o, "inCommitTimestamp", c.inCommitTimestamp());
            putText(o, "operation", c.operation());
        } else if (action instanceof Cdc c) {
            o.put("path", c.path());
            putMap(o, "partitionValues", c.partitionValues());
            putLong(o, "size", c.size());
            putBool(o, "dataChange", c.dataChange());
            putMap(o, "tags", c.tags());
        } else if (action instanceof DomainMetadata d) {
            o.put("domain", d.domain());
            putText(o, "configuration", d.configuration());
            putBool(o, "removed", d.removed());
        } else if (action instanceof CheckpointMetadata c) {
            putLong(o, "version", c.version());
            putMap(o, "tags", c.tags());
        } else if (action instanceof Sidecar s) {
            o.put("path", s.path());
            putLong(o, "sizeInBytes", s.sizeInBytes());
            putLong(o, "modificationTime", s.modificationTime());
            putMap(o, "tags", s.tags());
        }
        if (action.extra() != null) {
            o.setAll(action.extra());
        }
        return root;
    }

    /** The deletion vector as its JSON object. */
    public static ObjectNode toNode(DeletionVector dv) {
        ObjectNode o = NODES.objectNode();
        putText(o, "storageType", dv.storageType());
        putText(o, "pathOrInlineDv", dv.pathOrInlineDv());
        if (dv.offset() != null) {
            o.put("offset", dv.offset());
        }
        if (dv.sizeInBytes() != null) {
            o.put("sizeInBytes", dv.sizeInBytes());
        }
        putLong(o, "cardinality", dv.cardinality());
        putLong(o, "maxRowIndex", dv.maxRowIndex());
        if (dv.extra() != null) {
            o.setAll(dv.extra());
        }
        return o;
    }

    /** Parses a deletion vector from its JSON object; {@code node} is not modified. */
    public static DeletionVector deletionVectorFromJson(ObjectNode node) {
        return deletionVector(node.deepCopy());
    }

    /** A deletion vector from a node this codec owns (already taken out of its action). */
    private static DeletionVector deletionVector(ObjectNode owned) {
        FieldTaker f = new FieldTaker(owned);
        return new DeletionVector(f.text("storageType"), f.text("pathOrInlineDv"), f.intValue("offset"),
                f.intValue("sizeInBytes"), f.longValue("cardinality"), f.longValue("maxRowIndex"), f.rest());
    }

    private static DeletionVector deletionVector(FieldTaker f) {
        ObjectNode node = f.object("deletionVector");
        return node == null ? null : deletionVector(node);
    }

    private static Metadata metadata(FieldTaker f) {
        // format is typed only when it is the plain {provider, options} pair; otherwise kept whole in extra.
        String provider = null;
        Map<String, String> options = null;
        ObjectNode format = f.peekObject("format");
        if (format != null) {
            FieldTaker ft = new FieldTaker(format.deepCopy());
            String p = ft.text("provider");
            Map<String, String> opts = ft.stringMap("options");
            if (ft.rest() == null) {
                f.object("format");
                provider = p;
                options = opts;
            }
        }
        return new Metadata(f.text("id"), f.text("name"), f.text("description"), provider, options,
                f.text("schemaString"), f.stringList("partitionColumns"), f.longValue("createdTime"),
                f.stringMap("configuration"), f.rest());
    }

    private static String required(String value, String action, String field) {
        if (value == null) {
            throw new MalformedActionException("'" + action + "' has no string field '" + field + "'");
        }
        return value;
    }

    private static void putText(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putLong(ObjectNode o, String name, Long value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putBool(ObjectNode o, String name, Boolean value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static void putMap(ObjectNode o, String name, Map<String, String> map) {
        if (map != null) {
            ObjectNode m = o.putObject(name);
            map.forEach(m::put);
        }
    }

    private static void putList(ObjectNode o, String name, List<String> list) {
        if (list != null) {
            ArrayNode a = o.putArray(name);
            list.forEach(a::add);
        }
    }

    private static void putDeletionVector(ObjectNode o, DeletionVector dv) {
        if (dv != null) {
            o.set("deletionVector", toNode(dv));
        }
    }
}
