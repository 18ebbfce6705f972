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

    /**
     * What a live-file set needs of the checkpoint ({@code ReplaySink.liveFilesOnly}): protocol,
     * metaData and the adds, each add with only its path, deletion vector and size. A Parquet file is
     * read with only those columns (a million-file checkpoint's row group is mostly stats and partition
     * values); a JSON checkpoint yields all of {@link #actions()}.
     */
    ActionSource liveFileActions();
}
