package io.deltasql.log;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;

/**
 * An action with its JSON text ({@code {"add":{…}}}), for consumers that pass actions on as JSON (the
 * Kafka source). The text is JSON-equivalent to {@code ActionCodec.toJson(action)}: the commit line
 * the action was parsed from where that line held exactly this action, else the serialised action
 * (made on first use, so skipping actions costs no serialisation).
 */
public final class ActionJson {
    private final Action action;
    private String json;

    private ActionJson(Action action, String json) {
        this.action = action;
        this.json = json;
    }

    /** An action whose text is {@code ActionCodec.toJson(action)}, made when first asked for. */
    public static ActionJson of(Action action) {
        return new ActionJson(action, null);
    }

    /** An action and the log line it was parsed from (a line holding exactly this one action). */
    public static ActionJson of(Action action, String line) {
        return new ActionJson(action, line);
    }

    public Action action() {
        return action;
    }

    public String json() {
        if (json == null) {
            json = ActionCodec.toJson(action);
        }
        return json;
    }
}
