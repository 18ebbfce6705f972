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

    /**
     * The same actions, in the same order, each with its JSON text. This default serialises each
     * action ({@code ActionCodec.toJson}) when asked; a commit's source hands out the log's own lines,
     * so a consumer that needs JSON does not parse and re-serialise every action.
     */
    default CloseableIterator<ActionJson> openJson() {
        CloseableIterator<Action> in = open();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public ActionJson next() {
                return ActionJson.of(in.next());
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }
}
