package io.deltasql.log;

/** Where a version's actions come from. */
public enum Origin {
    /** A JSON commit: exactly the actions of that version. */
    COMMIT,
    /** A checkpoint: the whole state at that version, the base for the commits after it (no history before). */
    CHECKPOINT
}
