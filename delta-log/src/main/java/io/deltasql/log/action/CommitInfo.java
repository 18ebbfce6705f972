package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code commitInfo}: free-form provenance of a commit. Only the fields deltasql queries are typed;
 * everything else (operationParameters, metrics, engineInfo, …) stays in {@link #extra()}.
 */
public record CommitInfo(Long timestamp, Long inCommitTimestamp, String operation, ObjectNode extra)
        implements Action {

    @Override
    public ActionType type() {
        return ActionType.COMMIT_INFO;
    }
}
