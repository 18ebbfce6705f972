package io.deltasql.cli.importer;

import io.deltasql.log.action.ActionType;
import java.util.EnumMap;
import java.util.Map;

/** Actions by type, in the categories the import statistics report. */
public final class ActionCounts {
    private final Map<ActionType, Long> counts = new EnumMap<>(ActionType.class);

    public void add(ActionType type, long n) {
        counts.merge(type, n, Long::sum);
    }

    public long get(ActionType type) {
        return counts.getOrDefault(type, 0L);
    }

    public long adds() {
        return get(ActionType.ADD);
    }

    public long removes() {
        return get(ActionType.REMOVE);
    }

    public long metadataUpdates() {
        return get(ActionType.METADATA);
    }

    public long protocolUpdates() {
        return get(ActionType.PROTOCOL);
    }

    public long txns() {
        return get(ActionType.TXN);
    }

    public long cdcs() {
        return get(ActionType.CDC);
    }

    /** commitInfo, domainMetadata, checkpointMetadata, sidecar and unknown future actions. */
    public long others() {
        return total() - adds() - removes() - metadataUpdates() - protocolUpdates() - txns() - cdcs();
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
