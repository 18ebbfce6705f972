package io.deltasql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.storage.StorageSettings;
import io.deltasql.synth.SyntheticTableWriter;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One {@link DeltaSqlTable} shared by a service's request threads: each thread loads random
 * versions, the latest, a version again, the version after one it read (following), and now and
 * then drops the kept reads — at once, on the table's one connection. Every read must equal Kernel's
 * own read of the table's {@code _delta_log} at that version, on both stores.
 */
class SharedByThreadsIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    private static final int THREADS = 4;

    /** A real table (deletion vectors, partitions, a checkpoint at 10): each read's rows. */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void threadsSharingATableEachReadKernelsRows(StoreKind kind) throws Exception {
        String name = "dv-partitioned-with-checkpoint";
        Path dir = SharedTables.table(name);
        String uri = STORES.uri(kind, "threads", name);
        long head = Imports.importTable(dir, uri);
        Map<Long, List<String>> expected = new HashMap<>();
        for (long v = 0; v <= head; v++) {
            expected.put(v, KernelRows.fromOwnLog(dir, v));
        }
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            runOnThreads(20, (random, reads) -> {
                TableSnapshot s = load(table, random, head);
                assertThat(KernelRows.sorted(s.rows())).as("rows at v" + s.version()).isEqualTo(expected.get(s.version()));
                reads.add(s.version());
            });
        }
    }

    /**
     * A synthetic log whose snapshots span many batches (more than a fetch reads ahead of its
     * reader): concurrent fetches of live files take turns on the connection; each scan's files are
     * Kernel's own at that version.
     */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void concurrentFetchesOfManyFilesEachGiveKernelsScan(StoreKind kind, @TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("wide");
        SyntheticTableWriter.builder().versions(30).actionsPerVersion(1_500).checkpointInterval(10).partitions(4).seed(3)
                .write(dir);
        String uri = STORES.uri(kind, "threads", "wide");
        long head = Imports.importTable(dir, uri);
        Map<Long, List<String>> expected = new HashMap<>();
        for (long v = head - 4; v <= head; v++) {
            expected.put(v, KernelRows.ownScanFiles(dir, v));
        }
        assertThat(expected.get(head)).hasSizeGreaterThan(5 * 4096);
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            runOnThreads(6, (random, reads) -> {
                TableSnapshot s = load(table, random, head);
                if (s.version() < head - 4) {
                    return;
                }
                List<String> files = KernelRows.scanFiles(s.engine(), s.scanBuilder().build());
                assertThat(files).as("scan files at v" + s.version()).isEqualTo(expected.get(s.version()));
                reads.add(s.version());
            });
        }
    }

    /** One read of a thread: the latest, a random version, the one after the last read, or after dropping the kept reads. */
    private static TableSnapshot load(DeltaSqlTable table, Random random, long head) {
        return switch (random.nextInt(5)) {
            case 0 -> table.latest();
            case 1 -> {
                table.dropCachedFiles();
                yield table.at(head - random.nextInt(3));
            }
            case 2 -> table.at(Math.min(head, head - 4 + random.nextInt(5)));
            default -> table.at(head - random.nextInt((int) Math.min(head + 1, 6)));
        };
    }

    private interface Read {
        void run(Random random, List<Long> reads) throws IOException;
    }

    /** {@code rounds} reads on each of {@link #THREADS} threads started together; a failure on any fails the test. */
    private static void runOnThreads(int rounds, Read read) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Long>>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(31 * t + 7);
                Callable<List<Long>> thread = () -> {
                    List<Long> reads = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        read.run(random, reads);
                    }
                    return reads;
                };
                done.add(pool.submit(thread));
            }
            int reads = 0;
            for (Future<List<Long>> f : done) {
                reads += f.get(3, TimeUnit.MINUTES).size();
            }
            assertThat(reads).as("reads checked").isGreaterThan(THREADS);
        } finally {
            pool.shutdownNow();
        }
    }
}
