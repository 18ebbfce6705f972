package io.deltasql.store.write;

import io.deltasql.log.Origin;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.store.StoreException;
import io.deltasql.store.WriteStats;
import java.util.EnumMap;
import java.util.Map;

/** The version a writer is writing: what its begin said, and what its actions were so far. */
public final class OpenVersion {
    public final long version;
    public final Origin origin;
    public final long timestamp;
    public final long actionCount;
    public final boolean skipped;
    private final Map<ActionType, Long> counts = new EnumMap<>(ActionType.class);
    private int ordinal;
    private String operation;
    private Long inCommitTimestamp;

    private OpenVersion(long version, Origin origin, long timestamp, long actionCount, boolean skipped) {
        this.version = version;
        this.origin = origin;
        this.timestamp = timestamp;
        this.actionCount = actionCount;
        this.skipped = skipped;
    }

    public static OpenVersion begun(long version, Origin origin, long timestamp, long actionCount) {
        return new OpenVersion(version, origin, timestamp, actionCount, false);
    }

    public static OpenVersion skipped(long version) {
        return new OpenVersion(version, Origin.COMMIT, 0, 0, true);
    }

    /**
     * Counts the next action and returns its ordinal (its place in the version); the version's
     * first commitInfo gives its operation and inCommitTimestamp.
     */
    public int next(Action action, String table) {
        if (ordinal == Integer.MAX_VALUE) {
            throw new StoreException("version " + version + " of table " + table + " has more than "
                    + Integer.MAX_VALUE + " actions; not supported");
        }
        if (action instanceof CommitInfo ci && operation == null && inCommitTimestamp == null) {
            operation = ci.operation();
            inCommitTimestamp = ci.inCommitTimestamp();
        }
        counts.merge(action.type(), 1L, Long::sum);
        return ordinal++;
    }

    /** Throws when the actions that arrived are not as many as the begin announced. */
    public void checkComplete(String table) {
        if (ordinal != actionCount) {
            throw new StoreException("version " + version + " of table " + table + ": expected "
                    + actionCount + " actions, got " + ordinal + " — nothing of it was written; re-send the whole version");
        }
    }

    public boolean commitsEarlierRows() {
        return origin == Origin.COMMIT;
    }

    public boolean isCheckpoint() {
        return origin == Origin.CHECKPOINT;
    }

    public String operation() {
        return operation;
    }

    public Long inCommitTimestamp() {
        return inCommitTimestamp;
    }

    /** Adds this version's actions to the writer's totals. */
    public void countInto(WriteStats stats) {
        counts.forEach((type, n) -> {
            for (long i = 0; i < n; i++) {
                stats.action(type); // WriteStats (shared contract) counts one at a time
            }
        });
        stats.versionApplied();
    }

    private long count(ActionType type) {
        return counts.getOrDefault(type, 0L);
    }

    /** add, remove, metaData, protocol, txn, commitInfo, cdc, domainMetadata, other: dl_table_versions' count columns. */
    public long[] typeCounts() {
        return new long[] {count(ActionType.ADD), count(ActionType.REMOVE), count(ActionType.METADATA),
            count(ActionType.PROTOCOL), count(ActionType.TXN), count(ActionType.COMMIT_INFO), count(ActionType.CDC),
            count(ActionType.DOMAIN_METADATA),
            count(ActionType.CHECKPOINT_METADATA) + count(ActionType.SIDECAR) + count(ActionType.UNKNOWN)};
    }
}
