package io.deltasql.log.action;

/** The action kinds of the Delta protocol, named by the key that introduces them in a log line. */
public enum ActionType {
    ADD("add"),
    REMOVE("remove"),
    METADATA("metaData"),
    PROTOCOL("protocol"),
    TXN("txn"),
    COMMIT_INFO("commitInfo"),
    CDC("cdc"),
    DOMAIN_METADATA("domainMetadata"),
    CHECKPOINT_METADATA("checkpointMetadata"),
    SIDECAR("sidecar"),
    /** An action type this version of deltasql does not know; kept whole, never dropped. */
    UNKNOWN(null);

    private final String key;

    ActionType(String key) {
        this.key = key;
    }

    /** The JSON key of this action in a log line, e.g. {@code metaData}; null for {@link #UNKNOWN}. */
    public String key() {
        return key;
    }

    public static ActionType fromKey(String key) {
        for (ActionType t : values()) {
            if (key.equals(t.key)) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
