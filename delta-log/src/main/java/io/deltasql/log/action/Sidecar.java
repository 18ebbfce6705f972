package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code sidecar}: a V2 checkpoint's reference to a file in {@code _delta_log/_sidecars/}. */
public record Sidecar(String path, Long sizeInBytes, Long modificationTime, Map<String, String> tags, ObjectNode extra)
        implements Action {

    @Override
    public ActionType type() {
        return ActionType.SIDECAR;
    }
}
