package io.deltasql.log.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.ActionJson;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tapped plan leaves its sink holding the replay of what the consumer read: each action once, in
 * order, however often a batch is opened, and {@link ReplayTap#complete()} false when a batch was
 * not read to its end.
 */
class ReplayTapTest {
    private static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";

    private static String add(String path, long size) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{},\"size\":" + size
                + ",\"modificationTime\":1,\"dataChange\":true}}";
    }

    private static String remove(String path) {
        return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":1,\"dataChange\":true}}";
    }

    private static VersionBatch batch(long version, String... lines) {
        List<Action> actions = Arrays.stream(lines).map(ActionCodec::parse).toList();
        return new VersionBatch(version, Origin.COMMIT, version, actions.size(), () -> new CloseableIterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < actions.size();
            }

            @Override
            public Action next() {
                return actions.get(next++);
            }

            @Override
            public void close() {
                // in memory
            }
        });
    }

    private static void read(VersionBatch b, int actions) {
        try (CloseableIterator<Action> it = b.actions().open()) {
            for (int i = 0; i < actions && it.hasNext(); i++) {
                it.next();
            }
        }
    }

    @Test
    void theSinkHoldsWhatWasReadOnceInOrder() {
        ReplayTap<LiveFileSizes> tap = new ReplayTap<>(new LiveFileSizes());
        VersionBatch v0 = tap.tap(batch(0, PROTOCOL, add("a", 1), add("b", 2)));
        read(v0, 2);
        read(v0, 3); // opened again (a retry): the first two are not applied twice
        VersionBatch v1 = tap.tap(batch(1, remove("a"), add("c", 4), add("a", 8)));
        try (CloseableIterator<ActionJson> it = v1.actions().openJson()) { // the Kafka source's way
            it.forEachRemaining(j -> { });
        }
        assertThat(tap.complete()).isTrue();
        LiveFileSizes files = tap.sink();
        assertThat(files.count()).isEqualTo(3);
        assertThat(files.totalSize()).isEqualTo(2 + 4 + 8);
        assertThat(files.sizeOf(LiveFileSizes.fingerprint("a", null))).isEqualTo(8);
        assertThat(files.protocol()).isNotNull();
    }

    @Test
    void aBatchNotReadToItsEndLeavesTheTapIncomplete() {
        ReplayTap<LiveFileSizes> tap = new ReplayTap<>(new LiveFileSizes());
        read(tap.tap(batch(0, PROTOCOL, add("a", 1))), 2);
        tap.tap(batch(1, add("b", 2))); // skipped by its consumer: never opened
        read(tap.tap(batch(2, add("c", 3))), 1);
        assertThat(tap.complete()).isFalse();
        assertThat(tap.sink().sizeOf(LiveFileSizes.fingerprint("c", null)))
                .as("nothing past the gap is applied: the sink stays a prefix of the plan").isEqualTo(-1);
    }
}
