package io.deltasql.connect.source;

/** Where a table without a stored offset starts. */
public enum StartMode {
    /** Every commit from version 0 (or from the oldest checkpoint where early commits were cleaned up). */
    FULL,
    /** The newest checkpoint as the base state, then the commits after it: fast for long histories. */
    CHECKPOINT
}
