package io.deltasql.log;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;

/**
 * A version checksum file {@code v.crc}: what the writer says the table held after version v.
 * Used to validate a replay; fields a writer left out are null.
 */
public record VersionChecksum(Long numFiles, Long tableSizeBytes, Protocol protocol, Metadata metadata, JsonNode raw) {

    /** Parses the JSON of a {@code .crc} file; unknown fields stay in {@link #raw()}. */
    public static VersionChecksum fromJson(JsonNode root) {
        JsonNode p = root.get("protocol");
        JsonNode m = root.get("metadata");
        return new VersionChecksum(longOrNull(root.get("numFiles")), longOrNull(root.get("tableSizeBytes")),
                p != null && p.isObject() ? (Protocol) ActionCodec.fromJson("protocol", p) : null,
                m != null && m.isObject() ? (Metadata) ActionCodec.fromJson("metaData", m) : null, root);
    }

    private static Long longOrNull(JsonNode n) {
        return n != null && n.canConvertToLong() && n.isNumber() ? n.asLong() : null;
    }
}
