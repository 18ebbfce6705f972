package io.deltasql.log.commit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.MalformedActionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses one commit line into its actions. Almost always one line = one action
 * ({@link ActionCodec#parse}). Real logs also hold lines with a second, unknown top-level key next
 * to the action ({@code {"add":{…},"some_new_action_alongside_add_action":[…]}} in Delta's
 * forward-compatibility table, which Delta Spark reads). Such a line yields one action per key, in
 * key order, so nothing is lost and nothing is rejected that Delta itself accepts.
 */
public final class CommitLines {
    private CommitLines() {
    }

    public static List<Action> parse(String line) {
        JsonNode root;
        try {
            root = ActionCodec.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedActionException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedActionException("not a JSON object");
        }
        if (root.isEmpty()) {
            throw new MalformedActionException("an empty object is not an action");
        }
        List<Action> actions = new ArrayList<>(root.size());
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            // The tree was just parsed and belongs to nobody else: no defensive copy of each action.
            actions.add(ActionCodec.fromParsedJson(e.getKey(), e.getValue()));
        }
        return actions;
    }
}
