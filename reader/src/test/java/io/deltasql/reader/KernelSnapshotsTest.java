package io.deltasql.reader;

import static org.assertj.core.api.Assertions.assertThat;

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
}
