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

    /** Known keys; a map lookup instead of values(), which copies the array on every call (hot per log line). */
    private static final java.util.Map<String, ActionType> BY_KEY = java.util.Map.of(
            ADD.key, ADD, REMOVE.key, REMOVE, METADATA.key, METADATA, PROTOCOL.key, PROTOCOL, TXN.key, TXN,
            COMMIT_INFO.key, COMMIT_INFO, CDC.key, CDC, DOMAIN_METADATA.key, DOMAIN_METADATA,
            CHECKPOINT_METADATA.key, CHECKPOINT_METADATA, SIDECAR.key, SIDECAR);

    public static ActionType fromKey(String key) {
        return BY_KEY.getOrDefault(key, UNKNOWN);
    }
}
