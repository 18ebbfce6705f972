package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code txn}: the latest version an application (e.g. a streaming query) committed. */
public record Txn(String appId, Long version, Long lastUpdated, ObjectNode extra) implements Action {

    @Override
    public ActionType type() {
        return ActionType.TXN;
    }
}
