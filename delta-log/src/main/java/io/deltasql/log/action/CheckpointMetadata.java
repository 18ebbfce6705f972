package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code checkpointMetadata}: the header of a V2 checkpoint. */
public record CheckpointMetadata(Long version, Map<String, String> tags, ObjectNode extra) implements Action {

    @Override
    public ActionType type() {
        return ActionType.CHECKPOINT_METADATA;
    }
}
