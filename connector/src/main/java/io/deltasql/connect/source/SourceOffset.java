package io.deltasql.connect.source;

import io.deltasql.log.Origin;
import java.util.Map;

/**
 * Where the source stands in one table, stored by Connect as the offset of every record:
 * {@code {protocol: 1, version, index, complete[, origin]}} for the source partition
 * {@code {table: <location>}}. Self-describing and versioned, so a future format can read old offsets.
 *
 * @param version  the Delta version of the last record sent
 * @param index    the index of that record inside its version
 * @param complete whether that record was the last of its version (the next record starts version+1)
 * @param origin   whether the version was a commit or a checkpoint base; null when unknown (e.g. set by hand)
 */
public record SourceOffset(long version, long index, boolean complete, Origin origin) {
    public static final int PROTOCOL = 1;
    public static final String PARTITION_KEY = "table";
    static final String K_PROTOCOL = "protocol";
    static final String K_VERSION = "version";
    static final String K_INDEX = "index";
    static final String K_COMPLETE = "complete";
    static final String K_ORIGIN = "origin";

    public static Map<String, Object> partition(String location) {
        return Map.of(PARTITION_KEY, location);
    }

    /** The offset as Connect stores it; immutable (one per record, so a compact map rather than a LinkedHashMap). */
    public Map<String, Object> toMap() {
        if (origin == null) {
            return Map.of(K_PROTOCOL, PROTOCOL, K_VERSION, version, K_INDEX, index, K_COMPLETE, complete);
        }
        return Map.of(K_PROTOCOL, PROTOCOL, K_VERSION, version, K_INDEX, index, K_COMPLETE, complete,
                K_ORIGIN, origin.name());
    }

    /** The first version the source must (re-)read, and how many of its actions to skip. */
    public long resumeVersion() {
        return complete ? version + 1 : version;
    }

    public long actionsToSkip() {
        return complete ? 0 : index + 1;
    }

    /**
     * Parses a stored or user-supplied offset. {@code complete} and {@code protocol} may be left
     * out by a user rewinding by hand: {@code {version: 5}} means "version 5 done, continue at 6",
     * and {@code {version: 5, index: -1}} means "start at version 5".
     *
     * @throws IllegalArgumentException with a message that says which field is wrong and what is expected
     */
    public static SourceOffset parse(Map<String, ?> offset) {
        Object protocol = offset.get(K_PROTOCOL);
        if (protocol != null && asLong(protocol, K_PROTOCOL) != PROTOCOL) {
            throw new IllegalArgumentException("offset protocol " + protocol + " is not supported (this version writes "
                    + PROTOCOL + "); expected {protocol: 1, version: <n>, index: <n>, complete: <bool>}");
        }
        for (String k : offset.keySet()) {
            if (!k.equals(K_PROTOCOL) && !k.equals(K_VERSION) && !k.equals(K_INDEX) && !k.equals(K_COMPLETE)
                    && !k.equals(K_ORIGIN)) {
                throw new IllegalArgumentException("unknown offset field '" + k
                        + "'; expected {protocol: 1, version: <n>, index: <n>, complete: <bool>}");
            }
        }
        Object v = offset.get(K_VERSION);
        if (v == null) {
            throw new IllegalArgumentException("offset has no 'version'; expected {protocol: 1, version: <n>, index: <n>}");
        }
        long version = asLong(v, K_VERSION);
        if (version < 0) {
            throw new IllegalArgumentException("offset version must be >= 0, got " + version);
        }
        Object i = offset.get(K_INDEX);
        long index = i == null ? -1 : asLong(i, K_INDEX);
        if (index < -1) {
            throw new IllegalArgumentException("offset index must be >= -1, got " + index);
        }
        Object c = offset.get(K_COMPLETE);
        boolean complete;
        if (c == null) {
            complete = i == null;
        } else if (c instanceof Boolean b) {
            complete = b;
        } else if ("true".equals(c) || "false".equals(c)) {
            complete = Boolean.parseBoolean((String) c);
        } else {
            throw new IllegalArgumentException("offset 'complete' must be true or false, got '" + c + "'");
        }
        if (i != null && index == -1 && complete) {
            throw new IllegalArgumentException("offset index -1 (before the first action) cannot be complete");
        }
        Origin origin = null;
        Object o = offset.get(K_ORIGIN);
        if (o != null) {
            try {
                origin = Origin.valueOf(o.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("offset origin must be COMMIT or CHECKPOINT, got '" + o + "'");
            }
        }
        return new SourceOffset(version, index, complete, origin);
    }

    /** Checks a source partition: {@code {table: <location>}}. */
    public static String parsePartition(Map<String, ?> partition) {
        Object location = partition == null ? null : partition.get(PARTITION_KEY);
        if (partition == null || partition.size() != 1 || !(location instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("source partition must be {\"" + PARTITION_KEY
                    + "\": \"<table location>\"}, got " + partition);
        }
        return s;
    }

    private static long asLong(Object value, String field) {
        if (value instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                if (n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new IllegalArgumentException("offset '" + field + "' must be a whole number, got " + value);
                }
            }
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("offset '" + field + "' must be a number, got '" + value + "'");
    }
}
