package io.deltasql.log.checkpoint;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.Sidecar;
import java.util.List;

/** One file of a checkpoint (a top file, a part or a sidecar): counted when opened, streamed on demand. */
interface CheckpointPart {
    /** The file as named in errors, relative to the table where possible. */
    String displayName();

    /** How many actions {@link #open()} yields. */
    long actionCount();

    /** The sidecar actions this file holds (V2 top files), in file order. */
    List<Sidecar> sidecars();

    /** The file's actions, streamed; a new iterator from the first action each time. */
    CloseableIterator<Action> open();

    /** As {@link #open()}, or, where the format allows, only what {@link CheckpointData#liveFileActions()} needs. */
    default CloseableIterator<Action> openLiveFiles() {
        return open();
    }
}
