package io.deltasql.connect.source;

import io.deltasql.connect.record.VersionRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The largest record the source hands to Connect's producer. A bigger one would fail in the producer
 * ({@code RecordTooLargeException}, the task killed with a message naming neither table nor version),
 * so the reader refuses it first and says which action it is and what to raise.
 *
 * <p>The limit is the connector's {@code producer.override.max.request.size} (the producer's default,
 * 1 MiB, when unset: the source cannot see the worker's own {@code producer.*} settings), lowered to
 * {@code topic.creation.default.max.message.bytes} when that is set. The size is estimated from above:
 * the action as JsonConverter writes it, a JSON string inside the JSON envelope (every {@code "} and
 * {@code \} of the action escaped again: a {@code schemaString}, escaped once already in the action,
 * becomes a record about 1.5 times its size), plus the other fields and the schemas.
 */
public final class RecordSizeLimit {
    static final String PRODUCER_MAX_REQUEST_SIZE = "producer.override.max.request.size";
    static final String TOPIC_MAX_MESSAGE_BYTES = "topic.creation.default.max.message.bytes";
    /** Kafka's default max.request.size. */
    static final long PRODUCER_DEFAULT = 1_048_576;
    /**
     * JsonConverter's envelope with schemas (key and value schema, field names, numbers: about 1.1 KB)
     * and the producer's batch and record headers (under 100 bytes), rounded up.
     */
    static final int OVERHEAD = 2048;

    private final long maxBytes;
    private final String setting;
    private final boolean escapedAsJson;

    RecordSizeLimit(long maxBytes, String setting, boolean escapedAsJson) {
        this.maxBytes = maxBytes;
        this.setting = setting;
        this.escapedAsJson = escapedAsJson;
    }

    /** From the connector's own configuration (the task gets all of it, overrides included). */
    public static RecordSizeLimit from(Map<String, String> props) {
        long max = PRODUCER_DEFAULT;
        String setting = PRODUCER_MAX_REQUEST_SIZE + " (not set: the producer's default)";
        Long producer = number(props.get(PRODUCER_MAX_REQUEST_SIZE));
        if (producer != null) {
            max = producer;
            setting = PRODUCER_MAX_REQUEST_SIZE;
        }
        Long topic = number(props.get(TOPIC_MAX_MESSAGE_BYTES));
        if (topic != null && topic < max) {
            max = topic;
            setting = TOPIC_MAX_MESSAGE_BYTES;
        }
        String converter = props.getOrDefault("value.converter", "");
        // Unset: the worker's converter, JsonConverter in every config this project ships; estimate as JSON.
        boolean json = converter.isBlank() || converter.endsWith(".JsonConverter");
        return new RecordSizeLimit(max, setting, json);
    }

    /** A malformed number is the worker's to refuse (it validates client overrides); ignored here. */
    private static Long number(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    long maxBytes() {
        return maxBytes;
    }

    /** An upper bound of the record's size in the producer: key and value as the converter writes them, plus headers. */
    long estimate(VersionRecord r) {
        long action = escapedAsJson ? jsonStringBytes(r.action()) : utf8(r.action());
        return action + 2 * utf8(r.table()) + utf8(r.location()) + utf8(r.type()) + OVERHEAD;
    }

    /** Throws a one-line {@link ActionTooLargeException} when the producer or the topic would refuse the record. */
    void check(VersionRecord r) {
        long size = estimate(r);
        if (size > maxBytes) {
            throw new ActionTooLargeException("table " + r.table() + ": action " + r.index() + " (" + r.type() + ") of version "
                    + r.version() + " is about " + size + " bytes as a Kafka record, over the " + maxBytes
                    + " bytes allowed by " + setting + "; set producer.override.max.request.size and the topic's "
                    + "max.message.bytes (topic.creation.default.max.message.bytes when Connect creates the topic) "
                    + "above " + size + " on this connector, then restart its task (docs/connector.md, Large actions)");
        }
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Bytes of {@code s} written as a JSON string body by Jackson: UTF-8; {@code "}, {@code \} and the
     * usual control characters escaped in two bytes, the others and each half of a surrogate pair (a
     * character beyond the BMP) in six.
     */
    static long jsonStringBytes(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 12; // Jackson 2 writes a surrogate pair as two escaped UTF-16 units (6 bytes each), not as 4 UTF-8 bytes
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
