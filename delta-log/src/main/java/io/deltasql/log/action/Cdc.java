package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code cdc}: a change-data file written by this commit (not part of the table's state). */
public record Cdc(
        String path,
        Map<String, String> partitionValues,
        Long size,
        Boolean dataChange,
        Map<String, String> tags,
        ObjectNode extra) implements Action {

    @Override
    public ActionType type() {
        return ActionType.CDC;
    }
}
