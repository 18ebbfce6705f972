package io.deltasql.connect.record;

import io.deltasql.log.Origin;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * The Kafka record format shared by the source and the sink: a key struct {@code {table, version}}
 * and a value struct {@code {table, location, version, index, count, origin, timestamp, type, action}}.
 *
 * <p>Both carry a Connect {@link Schema}, so the JSON converter (with or without schemas) and
 * schema-registry converters (Avro, Protobuf) work unchanged. {@link #decode(Object)} accepts the
 * value as a {@link Struct} or, for a schemaless JSON converter, as a {@link Map} (also a
 * {@code {schema, payload}} envelope written with schemas, so both kinds may share a topic).
 */
public final class VersionRecordCodec {
    public static final String TABLE = "table";
    public static final String LOCATION = "location";
    public static final String VERSION = "version";
    public static final String INDEX = "index";
    public static final String COUNT = "count";
    public static final String ORIGIN = "origin";
    public static final String TIMESTAMP = "timestamp";
    public static final String TYPE = "type";
    public static final String ACTION = "action";

    public static final Schema KEY_SCHEMA = SchemaBuilder.struct()
            .name("io.deltasql.connect.VersionKey").version(1)
            .doc("Identifies a Delta version of a table")
            .field(TABLE, Schema.STRING_SCHEMA)
            .field(VERSION, Schema.INT64_SCHEMA)
            .build();

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name("io.deltasql.connect.VersionAction").version(1)
            .doc("One action of a Delta version, placed by index and count")
            .field(TABLE, Schema.STRING_SCHEMA)
            .field(LOCATION, Schema.STRING_SCHEMA)
            .field(VERSION, Schema.INT64_SCHEMA)
            .field(INDEX, Schema.INT64_SCHEMA)
            .field(COUNT, Schema.INT64_SCHEMA)
            .field(ORIGIN, Schema.STRING_SCHEMA)
            .field(TIMESTAMP, Schema.INT64_SCHEMA)
            .field(TYPE, Schema.STRING_SCHEMA)
            .field(ACTION, Schema.STRING_SCHEMA)
            .build();

    private VersionRecordCodec() {
    }

    public static Struct key(VersionRecord r) {
        return key(r.table(), r.version());
    }

    /** The key of every record of a version (one struct may serve them all: records never change it). */
    public static Struct key(String table, long version) {
        return new Struct(KEY_SCHEMA).put(TABLE, table).put(VERSION, version);
    }

    public static Struct value(VersionRecord r) {
        return new Struct(VALUE_SCHEMA)
                .put(TABLE, r.table())
                .put(LOCATION, r.location())
                .put(VERSION, r.version())
                .put(INDEX, r.index())
                .put(COUNT, r.count())
                .put(ORIGIN, r.origin().name())
                .put(TIMESTAMP, r.timestamp())
                .put(TYPE, r.type())
                .put(ACTION, r.action());
    }

    /**
     * Reads a record value back. Throws {@link DataException} naming the missing or bad field when
     * the value is not a deltasql record (a foreign producer, a wrong converter).
     */
    public static VersionRecord decode(Object value) {
        if (value instanceof Struct s) {
            return fromFields(name -> s.schema().field(name) == null ? null : s.get(name));
        }
        if (value instanceof Map<?, ?> m) {
            if (m.size() == 2 && m.get("payload") instanceof Map<?, ?> payload && m.containsKey("schema")) {
                // A record written with schemas.enable=true, read by a schemaless JSON converter: the
                // envelope arrives as a map. Unwrapping it lets the sink switch to schemaless first and
                // the source after, while the topic still holds records of both kinds.
                return fromFields(payload::get);
            }
            return fromFields(m::get);
        }
        throw new DataException("not a deltasql record: value is "
                + (value == null ? "null (a tombstone?)" : value.getClass().getSimpleName())
                + "; expected a struct or map with fields " + VALUE_SCHEMA.fields().stream().map(f -> f.name()).toList()
                + " — check value.converter");
    }

    private interface Fields {
        Object get(String name);
    }

    private static VersionRecord fromFields(Fields f) {
        long count = number(f, COUNT);
        long index = number(f, INDEX);
        long version = number(f, VERSION);
        if (version < 0 || count < 1 || index < 0 || index >= count) {
            throw new DataException("not a deltasql record: version " + version + ", index " + index
                    + ", count " + count + " are out of range");
        }
        String origin = text(f, ORIGIN);
        Origin o;
        try {
            o = Origin.valueOf(origin);
        } catch (IllegalArgumentException e) {
            throw new DataException("not a deltasql record: origin '" + origin + "' is neither COMMIT nor CHECKPOINT");
        }
        return new VersionRecord(text(f, TABLE), text(f, LOCATION), version, index, count, o,
                number(f, TIMESTAMP), text(f, TYPE), text(f, ACTION));
    }

    private static long number(Fields f, String name) {
        Object v = f.get(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new DataException("not a deltasql record: field '" + name + "' is "
                + (v == null ? "missing" : "a " + v.getClass().getSimpleName()) + ", expected a number");
    }

    private static String text(Fields f, String name) {
        Object v = f.get(name);
        if (v instanceof String s) {
            return s;
        }
        throw new DataException("not a deltasql record: field '" + name + "' is "
                + (v == null ? "missing" : "a " + v.getClass().getSimpleName()) + ", expected a string");
    }
}
