package io.deltasql.log.checkpoint;

import io.deltasql.log.ActionSource;

/** A checkpoint opened for reading: the full state at {@link #version()}, streamed. */
public interface CheckpointData {
    long version();

    /** The number of actions {@link #actions()} yields (from Parquet footers or a line count). */
    long actionCount();

    /**
     * Every action of the checkpoint in a canonical form: the rows of the top file (including
     * {@code checkpointMetadata} and {@code sidecar} rows), then the rows of each sidecar in order.
     */
    ActionSource actions();
}
