package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** {@code metaData}: the table's id, schema, partition columns and configuration. */
public record Metadata(
        String id,
        String name,
        String description,
        String formatProvider,
        Map<String, String> formatOptions,
        String schemaString,
        List<String> partitionColumns,
        Long createdTime,
        Map<String, String> configuration,
        ObjectNode extra) implements Action {

    @Override
    public ActionType type() {
        return ActionType.METADATA;
    }
}
