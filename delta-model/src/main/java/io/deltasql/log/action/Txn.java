package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.LONG;
import static io.deltasql.log.action.FieldType.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code txn}: the latest version an application (e.g. a streaming query) committed. */
public record Txn(String appId, Long version, Long lastUpdated, ObjectNode extra) implements Action {
    /** The fields of {@code txn}, in log-line order. */
    public static final FieldTable<Txn> FIELDS = FieldTable.builder("txn", Txn.class)
            .required("appId", STRING, Txn::appId)
            .field("version", LONG, Txn::version)
            .field("lastUpdated", LONG, Txn::lastUpdated)
            .build(Txn::extra, v -> new Txn(v.get(0), v.get(1), v.get(2), v.extra()));

    @Override
    public ActionType type() {
        return ActionType.TXN;
    }
}
