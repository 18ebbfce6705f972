package io.deltasql.log;

import io.deltasql.log.action.Action;

/**
 * The actions of one version, opened on demand and streamed: a checkpoint of millions of files is
 * never held in memory whole. Each {@link #open()} starts again from the first action, in the same
 * order, so a consumer can skip to an index after a restart.
 */
@FunctionalInterface
public interface ActionSource {
    CloseableIterator<Action> open();
}
