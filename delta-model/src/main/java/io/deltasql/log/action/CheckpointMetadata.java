package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.LONG;
import static io.deltasql.log.action.FieldType.STRING_MAP;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code checkpointMetadata}: the header of a V2 checkpoint. */
public record CheckpointMetadata(Long version, Map<String, String> tags, ObjectNode extra) implements Action {
    /** The fields of {@code checkpointMetadata}, in log-line order. */
    public static final FieldTable<CheckpointMetadata> FIELDS = FieldTable.builder("checkpointMetadata",
                    CheckpointMetadata.class)
            .field("version", LONG, CheckpointMetadata::version)
            .field("tags", STRING_MAP, CheckpointMetadata::tags)
            .build(CheckpointMetadata::extra, v -> new CheckpointMetadata(v.get(0), v.get(1), v.extra()));

    @Override
    public ActionType type() {
        return ActionType.CHECKPOINT_METADATA;
    }
}
