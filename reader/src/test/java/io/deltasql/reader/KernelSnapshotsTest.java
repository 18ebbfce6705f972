package io.deltasql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KernelSnapshotsTest {
    private final AtomicInteger loads = new AtomicInteger();

    private KernelSnapshots.Loaded load() {
        loads.incrementAndGet();
        return new KernelSnapshots.Loaded(null, null);
    }

    @Test
    void aVersionLoadedAgainAtTheSameTimeIsReusedUntilCleared() {
        KernelSnapshots snapshots = new KernelSnapshots(2);
        KernelSnapshots.Loaded first = snapshots.get(7, 1000, this::load);
        assertThat(snapshots.get(7, 1000, this::load)).isSameAs(first);
        assertThat(loads).hasValue(1);

        assertThat(snapshots.get(7, 2000, this::load)).as("the version committed again (re-imported)").isNotSameAs(first);
        assertThat(snapshots.get(8, 1000, this::load)).isNotSameAs(first);
        assertThat(loads).hasValue(3);

        snapshots.clear();
        snapshots.get(8, 1000, this::load);
        assertThat(loads).hasValue(4);
    }

    @Test
    void onlyTheMostRecentlyUsedAreKept() {
        KernelSnapshots snapshots = new KernelSnapshots(2);
        KernelSnapshots.Loaded v1 = snapshots.get(1, 1, this::load);
        snapshots.get(2, 2, this::load);
        assertThat(snapshots.get(1, 1, this::load)).isSameAs(v1); // 1 used again: 2 is now the eldest
        snapshots.get(3, 3, this::load);                         // evicts 2
        assertThat(snapshots.get(1, 1, this::load)).isSameAs(v1);
        assertThat(loads).hasValue(3);
        snapshots.get(2, 2, this::load);
        assertThat(loads).as("2 was evicted").hasValue(4);
    }

    /** A thread sharing the table loads another version while Kernel still builds one; the first snapshot kept of a version wins. */
    @Test
    void aSlowLoadHoldsUpNoOtherVersionAndTheFirstKeptWins() throws Exception {
        KernelSnapshots snapshots = new KernelSnapshots(4);
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        KernelSnapshots.Loaded slow = new KernelSnapshots.Loaded(null, null);
        CompletableFuture<KernelSnapshots.Loaded> v5 = CompletableFuture.supplyAsync(() -> snapshots.get(5, 1, () -> {
            building.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return slow;
        }));
        assertThat(building.await(30, TimeUnit.SECONDS)).isTrue();

        KernelSnapshots.Loaded v6 = CompletableFuture.supplyAsync(() -> snapshots.get(6, 1, this::load)).get(30, TimeUnit.SECONDS);
        assertThat(v6).as("version 6 loaded while 5 is still being built").isNotNull();
        KernelSnapshots.Loaded fast = snapshots.get(5, 1, this::load); // built and kept before the slow one ends
        release.countDown();
        assertThat(v5.get(30, TimeUnit.SECONDS)).as("the snapshot kept first").isSameAs(fast);
        assertThat(snapshots.get(5, 1, this::load)).isSameAs(fast);
    }
}
