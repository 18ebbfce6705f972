package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.BOOLEAN;
import static io.deltasql.log.action.FieldType.LONG;
import static io.deltasql.log.action.FieldType.STRING;
import static io.deltasql.log.action.FieldType.STRING_MAP;

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
    /** The fields of {@code cdc}, in log-line order. */
    public static final FieldTable<Cdc> FIELDS = FieldTable.builder("cdc", Cdc.class)
            .required("path", STRING, Cdc::path)
            .field("partitionValues", STRING_MAP, Cdc::partitionValues)
            .field("size", LONG, Cdc::size)
            .field("dataChange", BOOLEAN, Cdc::dataChange)
            .field("tags", STRING_MAP, Cdc::tags)
            .build(Cdc::extra, v -> new Cdc(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.extra()));

    @Override
    public ActionType type() {
        return ActionType.CDC;
    }
}
