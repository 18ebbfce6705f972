package io.deltasql.log.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An action whose key this version does not know (forward compatibility). The key and the whole
 * value are kept, so the action survives a round trip untouched.
 */
public record UnknownAction(String key, JsonNode value) implements Action {

    @Override
    public ActionType type() {
        return ActionType.UNKNOWN;
    }

    @Override
    public ObjectNode extra() {
        return null;
    }
}
