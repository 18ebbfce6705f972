package io.deltasql.store;

import io.deltasql.log.action.ActionType;
import java.util.EnumMap;
import java.util.Map;

/** What a writer did: versions applied and skipped, actions by type. Mutable, single-threaded. */
public final class WriteStats {
    private long versionsApplied;
    private long versionsSkipped;
    private final Map<ActionType, Long> actions = new EnumMap<>(ActionType.class);

    public void versionApplied() {
        versionsApplied++;
    }

    public void versionSkipped() {
        versionsSkipped++;
    }

    public void action(ActionType type) {
        actions.merge(type, 1L, Long::sum);
    }

    public long versionsApplied() {
        return versionsApplied;
    }

    public long versionsSkipped() {
        return versionsSkipped;
    }

    public long actions(ActionType type) {
        return actions.getOrDefault(type, 0L);
    }

    public long totalActions() {
        return actions.values().stream().mapToLong(Long::longValue).sum();
    }
}
