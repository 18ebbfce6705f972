package io.deltasql.log.checkpoint;

import io.deltasql.log.storage.FileEntry;
import java.util.List;

/**
 * One complete checkpoint as found by listing: its version, layout and files (for a multi-part
 * checkpoint every part, in part order; otherwise one file). Sidecars are found when reading.
 */
public record CheckpointFiles(long version, CheckpointKind kind, List<FileEntry> files) {
    public CheckpointFiles {
        files = List.copyOf(files);
    }
}
