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
}
