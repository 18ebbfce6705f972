package io.deltasql.bench;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.storage.LogStorages;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.SqliteTarget;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.read.SqlSnapshot;
import io.deltasql.store.schema.JsonColumns;
import io.deltasql.store.validate.ValidationReport;
import io.deltasql.store.validate.Validator;
import io.deltasql.store.write.WriterOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The SQLite store (docs/performance.md, "SQLite store"), all in one run so the ratios compare like
 * with like on whatever machine:
 * <ol>
 *   <li>the import rate of a commit log (N versions × M actions) into a SQLite store, against a raw
 *       batched insert of the same rows (the same reader; typed columns of an add + the whole action
 *       as JSON text) into one plain SQLite table without indexes, one transaction (goal ≥ 0.6×; 100k × 25
 *       in under 2 minutes);</li>
 *   <li>a checkpoint base of F files as one version (run it under {@code -Xmx256m}: the writer holds
 *       a bounded batch, never the checkpoint);</li>
 *   <li>{@code snapshot} latency (the latest snapshot, every live file read back) of a table of S
 *       live files in SQLite and in PostgreSQL (skipped with {@code --snapshot-files 0}).</li>
 * </ol>
 *
 * <p>Arguments (all optional): {@code --versions N} (100000) {@code --actions M} (25) {@code --big F}
 * (1000000; 0 skips) {@code --snapshot-files S} (200000; 0 skips) {@code --repeat R} (5 snapshot
 * reads, median shown) {@code --dir DIR} (bench/target/writer-data: generated logs, shared with
 * WriterBenchmark) {@code --validate} (compare the store's snapshot with the file replay after the
 * import, not timed) {@code --generate-only} {@code --no-raw} (skip the raw insert: to compare store
 * builds back to back; no ratio then). PostgreSQL (for the snapshot comparison) is the local server, as for
 * WriterBenchmark.
 */
public final class SqliteBenchmark {
    private final int versions;
    private final int actions;
    private final long bigFiles;
    private final long snapshotFiles;
    private final int repeat;
    private final boolean validate;
    private final boolean generateOnly;
    private final boolean raw;
    private final Path dir;

    private SqliteBenchmark(ReaderBenchmark.Args a) {
        versions = a.intValue("--versions", 100_000);
        actions = a.intValue("--actions", 25);
        bigFiles = a.longValue("--big", 1_000_000);
        snapshotFiles = a.longValue("--snapshot-files", 200_000);
        repeat = a.intValue("--repeat", 5);
        validate = a.flag("--validate");
        generateOnly = a.flag("--generate-only");
        raw = !a.flag("--no-raw");
        dir = Path.of(a.text("--dir", "bench/target/writer-data"));
    }

    public static void main(String[] args) throws Exception {
        new SqliteBenchmark(new ReaderBenchmark.Args(args)).run();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "deltasql SQLite benchmark: Java %s, %d CPUs, max heap %.0f MB, load average %.1f at start%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576.0, load());
        WriterData data = new WriterData(dir, versions, actions, bigFiles);
        data.ensure(s -> System.out.println("  " + s));
        WriterData snapshotData = new WriterData(dir, versions, actions, snapshotFiles);
        if (snapshotFiles > 0) {
            snapshotData.ensure(s -> System.out.println("  " + s));
        }
        if (generateOnly) {
            return;
        }
        Path work = Files.createTempDirectory("deltasql-sqlite-bench-");
        try {
            String commits = data.commits.toString();
            long t0 = System.nanoTime();
            long rows = 0;
            double rawSeconds = 0;
            if (raw) {
                rows = rawInsert(work.resolve("raw.db"), commits);
                rawSeconds = WriterBenchmark.seconds(t0);
                print("raw batched INSERT into one plain SQLite table (limit), commit log", rows, versions, rawSeconds, "rows");
            }

            SqliteTarget target = new SqliteTarget(work.resolve("store.db"), "bench");
            t0 = System.nanoTime();
            long[] imported = importInto(target, commits, null);
            double storeSeconds = WriterBenchmark.seconds(t0);
            print("SQLite store, group commit (WriterOptions.defaults(), raised by SqliteGroups), commit log", imported[0], imported[1], storeSeconds, "actions");
            if (raw) {
                System.out.printf(Locale.ROOT, "  ratio SQLite store / raw insert: %.2f (goal >= 0.6)%n",
                        (imported[0] / storeSeconds) / (rows / rawSeconds));
            }
            System.out.printf(Locale.ROOT, "  %d versions x %d actions in %.1f s (goal < 120 s at 100k x 25)%n", versions, actions, storeSeconds);
            System.out.printf(Locale.ROOT, "  file sizes: store %,d bytes (with -wal), raw table %,d bytes, commit JSON %,d bytes%n",
                    sizeOf(work, "store.db"), sizeOf(work, "raw.db"), data.commitJsonBytes());

            if (bigFiles > 0) {
                SqliteTarget cp = new SqliteTarget(work.resolve("checkpoint.db"), "bench");
                long[] base;
                double s;
                try (HeapWatch heap = new HeapWatch()) {
                    t0 = System.nanoTime();
                    base = importInto(cp, data.checkpoint.toString(), null);
                    s = WriterBenchmark.seconds(t0);
                    print("SQLite store, " + bigFiles + "-file checkpoint base as one version", base[0], base[1], s, "actions");
                    // The pools' peaks add up maxima reached at different moments (an upper bound); the
                    // highest use right after a GC is what the import really holds on to.
                    System.out.printf(Locale.ROOT, "  heap limit %.0f MB; highest heap after a GC %.0f MB (%d GCs); sum of pool peaks %.0f MB%n",
                            HeapWatch.maxHeapBytes() / 1048576.0, heap.maxAfterGcBytes() / 1048576.0, heap.collections(),
                            HeapWatch.poolPeakBytes() / 1048576.0);
                }
            }
            if (snapshotFiles > 0) {
                String location = snapshotData.checkpoint.toString();
                snapshotLatency("SQLite", new SqliteTarget(work.resolve("snapshot.db"), "bench"), location);
                try (WriterDatabase db = new WriterDatabase()) {
                    snapshotLatency("PostgreSQL", db.target("snap"), location);
                }
            }
        } finally {
            deleteTree(work);
        }
        System.out.printf(Locale.ROOT, "  load average %.1f at end%n", load());
    }

    /** Imports every version of {@code location}; returns {actions, versions}. */
    private long[] importInto(StoreTarget target, String location, Long upTo) {
        try (MetadataStore store = Stores.connect(target); DeltaLog log = LogStorages.openLog(location)) {
            RegisteredTable table = store.register("bench", location, true);
            long applied;
            long head;
            try (VersionWriter w = store.writer(table, WriterOptions.defaults())) {
                applied = w.applyAll(log.versions(log.plan(0, upTo, false)));
                head = w.head();
                if (validate) {
                    ValidationReport r = Validator.compare(log.snapshot(head), store.queries().snapshotAt(table, head));
                    if (!r.passed()) {
                        throw new IllegalStateException(r.render());
                    }
                }
                return new long[] {w.stats().totalActions(), applied};
            }
        }
    }

    /** Imports the table, then reads its latest snapshot {@code repeat} times; prints the median. */
    private void snapshotLatency(String store, StoreTarget target, String location) {
        importInto(target, location, null);
        try (MetadataStore s = Stores.connect(target)) {
            RegisteredTable table = s.require("bench");
            double[] seconds = new double[repeat];
            long files = 0;
            for (int i = 0; i < repeat; i++) {
                long t0 = System.nanoTime();
                SqlSnapshot snap = s.queries().latest(table);
                seconds[i] = WriterBenchmark.seconds(t0);
                files = snap.numFiles();
            }
            Arrays.sort(seconds);
            System.out.printf(Locale.ROOT, "| snapshot (latest, every live file) of a %,d-file table, %s | median of %d: %.2f s | min %.2f s | max %.2f s |%n",
                    files, store, repeat, seconds[repeat / 2], seconds[0], seconds[repeat - 1]);
        }
    }

    /**
     * The limit: the same actions, read by the same reader, inserted with one prepared statement in
     * batches of 5,000 into one table without indexes, in one transaction.
     */
    private static long rawInsert(Path file, String location) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); DeltaLog log = LogStorages.openLog(location)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("CREATE TABLE raw (table_id TEXT, version INTEGER, ordinal INTEGER, path TEXT, size INTEGER, "
                        + "modification_time INTEGER, data_change INTEGER, partition_values TEXT, stats TEXT, action TEXT)");
            }
            c.setAutoCommit(false);
            long rows = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 CloseableIterator<VersionBatch> batches = log.versions(log.plan(0, null, false))) {
                int batched = 0;
                while (batches.hasNext()) {
                    VersionBatch b = batches.next();
                    int ordinal = 0;
                    try (CloseableIterator<Action> it = b.actions().open()) {
                        while (it.hasNext()) {
                            Action action = it.next();
                            ps.setString(1, "6f1f4b2a-0000-4000-8000-000000000001");
                            ps.setLong(2, b.version());
                            ps.setInt(3, ordinal++);
                            if (action instanceof AddFile a) {
                                ps.setString(4, a.path());
                                ps.setObject(5, a.size());
                                ps.setObject(6, a.modificationTime());
                                ps.setInt(7, Boolean.TRUE.equals(a.dataChange()) ? 1 : 0);
                                ps.setString(8, a.partitionValues() == null ? null : JsonColumns.write(a.partitionValues()));
                                ps.setString(9, a.stats());
                            } else {
                                for (int i = 4; i <= 9; i++) {
                                    ps.setObject(i, null);
                                }
                            }
                            ps.setString(10, JsonColumns.write(ActionCodec.toNode(action)));
                            ps.addBatch();
                            rows++;
                            if (++batched == 5_000) {
                                ps.executeBatch();
                                batched = 0;
                            }
                        }
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            return rows;
        }
    }

    private static void print(String what, long items, long versions, double seconds, String unit) {
        System.out.printf(Locale.ROOT, "| %s | %,d %s, %,d versions | %.1f s | %,.0f %s/s | %,.0f versions/s |%n",
                what, items, unit, versions, seconds, items / seconds, unit, versions / seconds);
    }

    private static long sizeOf(Path dir, String name) throws IOException {
        long n = 0;
        for (String suffix : List.of("", "-wal")) {
            Path p = dir.resolve(name + suffix);
            if (Files.exists(p)) {
                n += Files.size(p);
            }
        }
        return n;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
