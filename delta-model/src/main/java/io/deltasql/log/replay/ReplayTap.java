package io.deltasql.log.replay;

import io.deltasql.log.ActionJson;
import io.deltasql.log.ActionSource;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import java.util.function.Consumer;

/**
 * Hands a plan's batches on unchanged while applying each action, as its consumer reads it, to a
 * {@link ReplaySink}: a consumer that reads every version of a replay from the start (an import of
 * every commit) leaves the sink holding the replay's state, without reading and parsing the log a
 * second time. An action reaches the sink once, in log order, however often its batch is opened;
 * {@link #complete()} says whether every action of every batch did.
 */
public final class ReplayTap<S extends ReplaySink> {
    private final S sink;
    private long expected;
    private long applied;

    public ReplayTap(S sink) {
        this.sink = sink;
    }

    /** {@code batch} with actions that also go to the sink, each the first time it is read. */
    public VersionBatch tap(VersionBatch batch) {
        long first = expected; // the position of the batch's first action in the plan
        expected += batch.actionCount();
        ActionSource in = batch.actions();
        ActionSource tapped = new ActionSource() {
            @Override
            public CloseableIterator<Action> open() {
                return CloseableIterator.peeking(in.open(), applierFrom(first));
            }

            @Override
            public CloseableIterator<ActionJson> openJson() {
                Consumer<Action> apply = applierFrom(first);
                return CloseableIterator.peeking(in.openJson(), json -> apply.accept(json.action()));
            }
        };
        return new VersionBatch(batch.version(), batch.origin(), batch.timestamp(), batch.actionCount(), tapped);
    }

    /** True when the sink has seen every action of every batch tapped so far. */
    public boolean complete() {
        return applied == expected;
    }

    public S sink() {
        return sink;
    }

    /** Applies each action at a position past what the sink has seen (a re-opened batch starts again at its first). */
    private Consumer<Action> applierFrom(long first) {
        long[] position = {first};
        return action -> {
            if (position[0]++ == applied) {
                sink.apply(action);
                applied++;
            }
        };
    }
}
