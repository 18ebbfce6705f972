package io.deltasql.log.listing;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.InputStream;
import java.util.Optional;

/**
 * What {@code _last_checkpoint} claims. Only a hint: writers leave it empty, stale, pointing at a
 * renamed file or in their own dialect ({@code size_in_bytes}, {@code parts: null}), so the reader
 * never trusts it over the listing. Reading it never fails.
 *
 * @param version the claimed checkpoint version
 * @param parts   the claimed number of parts, null when absent or null
 * @param v2Path  the V2 top file it names, null when none
 */
public record LastCheckpointHint(long version, Integer parts, String v2Path) {

    /** The parsed hint, or empty when the file is empty, unreadable or has no numeric version. */
    public static Optional<LastCheckpointHint> read(LogStorage storage, FileEntry file) {
        if (file == null || file.size() == 0) {
            return Optional.empty();
        }
        // By path, not by the listed entry: the hint is rewritten in place, so its listed length may be stale.
        try (InputStream in = storage.open(file.path())) {
            JsonNode root = ActionCodec.mapper().readTree(in);
            if (root == null || !root.path("version").canConvertToLong()) {
                return Optional.empty();
            }
            JsonNode parts = root.path("parts");
            JsonNode v2 = root.path("v2Checkpoint").path("path");
            return Optional.of(new LastCheckpointHint(root.path("version").asLong(),
                    parts.isIntegralNumber() ? parts.asInt() : null, v2.isTextual() ? v2.asText() : null));
        } catch (Exception e) {
            return Optional.empty(); // a broken hint is the same as no hint
        }
    }
}
