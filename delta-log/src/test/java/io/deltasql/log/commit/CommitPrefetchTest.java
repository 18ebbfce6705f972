package io.deltasql.log.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.log.DeltaLogException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CommitPrefetchTest {
    private static CommitReader.Commit commit(long version) {
        return new CommitReader.Commit(version, 1000 + version, List.of(), List.of());
    }

    @Test
    void handsTheCommitsOverInTheOrderGiven() {
        Set<String> readers = ConcurrentHashMap.newKeySet();
        LongFunction<CommitReader.Commit> read = v -> {
            readers.add(Thread.currentThread().getName());
            return commit(v);
        };
        try (CommitPrefetch<CommitReader.Commit> p = new CommitPrefetch<>(LongStream.range(0, 500).iterator(), read, v -> 100, 3)) {
            for (long v = 0; v < 500; v++) {
                assertThat(p.take(v).timestamp()).isEqualTo(1000 + v);
            }
        }
        assertThat(readers).allMatch(n -> n.startsWith("deltasql-commit-reader-"));
    }

    @Test
    void anErrorSurfacesWhenItsVersionIsTakenAndNotBefore() {
        LongFunction<CommitReader.Commit> read = v -> {
            if (v == 5 || v == 7) {
                throw new DeltaLogException(DeltaLogException.Kind.PARSE, "cannot parse version " + v);
            }
            return commit(v);
        };
        try (CommitPrefetch<CommitReader.Commit> p = new CommitPrefetch<>(LongStream.range(0, 10).iterator(), read, v -> 0, 2)) {
            for (long v = 0; v < 5; v++) {
                assertThat(p.take(v).version()).isEqualTo(v);
            }
            // version 7 has been read ahead and failed too: the consumer still gets 5's own error first
            assertThatThrownBy(() -> p.take(5)).isInstanceOf(DeltaLogException.class).hasMessage("cannot parse version 5");
        }
    }

    @Test
    void readsAheadAtMostTheWindowAndAboutTheByteBudget() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger mostAhead = new AtomicInteger();
        LongFunction<CommitReader.Commit> read = v -> {
            mostAhead.accumulateAndGet(started.incrementAndGet() - taken.get(), Math::max);
            return commit(v);
        };
        try (CommitPrefetch<CommitReader.Commit> p = new CommitPrefetch<>(LongStream.range(0, 200).iterator(), read, v -> 10, 2)) {
            for (long v = 0; v < 200; v++) {
                p.take(v);
                taken.incrementAndGet();
            }
        }
        assertThat(mostAhead.get()).isBetween(1, 4 * 2 + 1);

        // commits as big as the whole budget: one read ahead at a time
        started.set(0);
        taken.set(0);
        mostAhead.set(0);
        try (CommitPrefetch<CommitReader.Commit> p = new CommitPrefetch<>(LongStream.range(0, 50).iterator(), read,
                v -> CommitPrefetch.MAX_BYTES_AHEAD, 2)) {
            for (long v = 0; v < 50; v++) {
                p.take(v);
                taken.incrementAndGet();
            }
        }
        assertThat(mostAhead.get()).isBetween(1, 2);
    }

    @Test
    void oneThreadReadsOnTheCallersThreadAndOrderIsChecked() {
        Thread caller = Thread.currentThread();
        LongFunction<CommitReader.Commit> read = v -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            return commit(v);
        };
        try (CommitPrefetch<CommitReader.Commit> p = new CommitPrefetch<>(LongStream.range(0, 3).iterator(), read, v -> 0, 1)) {
            assertThat(p.take(0).version()).isZero();
        }
        try (CommitPrefetch<CommitReader.Commit> p = new CommitPrefetch<>(LongStream.range(0, 3).iterator(), CommitPrefetchTest::commit, v -> 0, 2)) {
            assertThatThrownBy(() -> p.take(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("commit 1 taken out of order");
        }
    }
}
