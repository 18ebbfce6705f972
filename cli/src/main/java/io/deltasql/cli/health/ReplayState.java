package io.deltasql.cli.health;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import java.util.HashMap;
import java.util.Map;

/**
 * The live files, protocol and metadata after replaying actions in order, keyed by (path, DV id)
 * as the protocol's reconciliation rule says. Used by {@code deltasql validate} to check each
 * checkpoint and {@code .crc} file against the commits before it.
 */
final class ReplayState {
    final Map<String, Long> files = new HashMap<>();
    Protocol protocol;
    Metadata metadata;

    void reset() {
        files.clear();
        protocol = null;
        metadata = null;
    }

    void apply(Action action) {
        if (action instanceof AddFile a) {
            files.put(key(a.path(), a.dvId()), a.size() == null ? 0L : a.size());
        } else if (action instanceof RemoveFile r) {
            files.remove(key(r.path(), r.dvId()));
        } else if (action instanceof Protocol p) {
            protocol = p;
        } else if (action instanceof Metadata m) {
            metadata = m;
        }
    }

    long totalSize() {
        return files.values().stream().mapToLong(Long::longValue).sum();
    }

    static String key(String path, String dvId) {
        return dvId == null || dvId.isEmpty() ? path : path + " [dv " + dvId + "]";
    }
}
