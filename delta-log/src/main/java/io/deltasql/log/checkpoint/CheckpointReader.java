package io.deltasql.log.checkpoint;

import io.deltasql.log.storage.LogStorage;

/** Opens checkpoints of every layout. */
public final class CheckpointReader {
    private CheckpointReader() {
    }

    /**
     * Opens {@code checkpoint}; sidecars are resolved in {@code logDir/_sidecars/}. Fails with a
     * {@link io.deltasql.log.DeltaLogException} of kind CORRUPT_CHECKPOINT naming the file when a
     * file or sidecar is missing or unreadable.
     */
    public static CheckpointData open(LogStorage storage, String logDir, CheckpointFiles checkpoint) {
        throw new UnsupportedOperationException("checkpoint reading is being implemented");
    }
}
