package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.EPOCH_MILLIS;
import static io.deltasql.log.action.FieldType.LONG;
import static io.deltasql.log.action.FieldType.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code commitInfo}: free-form provenance of a commit. Only the fields deltasql queries are typed;
 * everything else (operationParameters, metrics, engineInfo, …) stays in {@link #extra()}.
 */
public record CommitInfo(Long timestamp, Long inCommitTimestamp, String operation, ObjectNode extra)
        implements Action {
    /** The fields of {@code commitInfo} that are typed, in log-line order. */
    public static final FieldTable<CommitInfo> FIELDS = FieldTable.builder("commitInfo", CommitInfo.class)
            .field("timestamp", EPOCH_MILLIS, CommitInfo::timestamp)
            .field("inCommitTimestamp", LONG, CommitInfo::inCommitTimestamp)
            .field("operation", STRING, CommitInfo::operation)
            .build(CommitInfo::extra, v -> new CommitInfo(v.get(0), v.get(1), v.get(2), v.extra()));

    @Override
    public ActionType type() {
        return ActionType.COMMIT_INFO;
    }
}
