package io.deltasql.log.replay;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;

/**
 * What a log replay applies actions to, in log order: a whole {@link ReplayState}, or a slimmer
 * state that keeps only what its reader needs ({@link LiveFileSizes}, {@link LiveFileKeys}). Every
 * sink keeps the latest protocol and metaData, which a replay requires at its version.
 */
public interface ReplaySink {
    void apply(Action action);

    /** The latest protocol applied; null before any. */
    Protocol protocol();

    /** The latest metaData applied; null before any. */
    Metadata metadata();

    /**
     * True when the sink reads only which files are live and their sizes: protocol, metaData, and of
     * each add its path, deletion vector and size. A replay may then read a checkpoint's adds without
     * their other fields (stats, tags, partition values…) and skip the actions that do not make the
     * live set (tombstones, txns…), where its file format allows reading less.
     */
    default boolean liveFilesOnly() {
        return false;
    }
}
