package io.deltasql.store.read;

import io.deltasql.log.Origin;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.CommitInfo;
import java.util.Map;

/** One row of a table's history: a version, when and how it was made, and what it holds. */
public record VersionInfo(long version, Origin origin, long timestampMs, Long inCommitTimestamp, String operation,
                          String status, long actionCount, Map<ActionType, Long> actionCounts, CommitInfo commitInfo) {

    /** The version's time: inCommitTimestamp where present, else the commit timestamp. */
    public long effectiveTimestamp() {
        return inCommitTimestamp != null ? inCommitTimestamp : timestampMs;
    }
}
