package io.deltasql.bench;

import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.reader.DeltaSqlTable;
import io.deltasql.reader.DeltaSqlTables;
import io.deltasql.reader.TableSnapshot;
import io.deltasql.storage.StorageSettings;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreException;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.write.WriterOptions;
import io.deltasql.synth.SyntheticTableWriter;
import io.deltasql.testing.PgDatabase;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Snapshot load + scan planning (every live file listed by Kernel's scan) in process: Delta Kernel
 * through deltasql ({@code DeltaSqlTable.latest()}: one SQL snapshot served as one checkpoint) vs
 * Kernel replaying the table's own {@code _delta_log} — on a long synthetic log with checkpoints and
 * on a big checkpoint base, and on a log without checkpoints, for the PostgreSQL and the SQLite store. Medians of warm rounds; the
 * ratio is Kernel's time over deltasql's. deltasql is measured three times: a first load of the version (its kept files dropped
 * before each round: everything from the store), the same version loaded again (Kernel's batches kept in memory), and the
 * version loaded after the one before it was (Kernel replays the one commit between on the kept batches). See docs/performance.md, "Reading after the switch".
 */
@Command(name = "KernelLoadBenchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Snapshot load + scan planning: Delta Kernel through deltasql vs Kernel's own replay of _delta_log.")
public final class KernelLoadBenchmark implements Callable<Integer> {

    @Option(names = "--versions", paramLabel = "N", defaultValue = "1200", description = "Versions of the long log (default: ${DEFAULT-VALUE}).")
    int versions;

    @Option(names = "--actions", paramLabel = "N", defaultValue = "25", description = "File actions per version (default: ${DEFAULT-VALUE}).")
    int actions;

    @Option(names = "--interval", paramLabel = "N", defaultValue = "100", description = "A checkpoint every N versions (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--plain-versions", paramLabel = "N", defaultValue = "1000",
            description = "Versions of a log without any checkpoint (0: none; default: ${DEFAULT-VALUE}).")
    int plainVersions;

    @Option(names = "--big", paramLabel = "N", defaultValue = "200000", description = "Files in the big checkpoint base (default: ${DEFAULT-VALUE}).")
    long bigFiles;

    @Option(names = "--big-tail", paramLabel = "N", defaultValue = "2",
            description = "Commits after the big checkpoint base, so a reader can follow it (default: ${DEFAULT-VALUE}).")
    int bigTail;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Rounds before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the tables (default: a temporary directory).")
    Path dirOption;

    @Option(names = "--shared", paramLabel = "DIR",
            description = "Measure the real Delta tables under DIR (e.g. ../shared/delta-tables) instead of the synthetic ones:"
                    + " every table Kernel loads from its own log and deltasql imports.")
    Path sharedDir;

    public static void main(String[] args) {
        System.exit(BenchCommands.execute(new KernelLoadBenchmark(), args));
    }

    /**
     * deltasqlMs: a first load (the table's kept files dropped before each round); againMs: the same version loaded again;
     * nextMs: the version loaded after the one before it was (Kernel replays the one commit between).
     */
    record Row2(String table, String store, long version, long files, double kernelMs, double deltasqlMs, double againMs,
                double nextMs) {
        double ratio() {
            return kernelMs / deltasqlMs;
        }

        double againRatio() {
            return kernelMs / againMs;
        }

        double nextRatio() {
            return kernelMs / nextMs;
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = dirOption != null ? Files.createDirectories(dirOption) : Files.createTempDirectory("deltasql-kernel-load-");
        double loadBefore = loadAverage();
        if (sharedDir != null) {
            return measureShared(dir, loadBefore);
        }
        Path longLog = dir.resolve("long");
        Path big = dir.resolve("big");
        if (!Files.exists(longLog)) {
            SyntheticTableWriter.builder().versions(versions).actionsPerVersion(actions).checkpointInterval(interval)
                    .partitions(8).seed(42).write(longLog);
        }
        if (!Files.exists(big)) {
            SyntheticTableWriter.builder().partitions(8).seed(7).writeBigCheckpoint(big, 10, bigFiles);
        }
        BigTableTail.write(big, 10, bigTail, actions);
        Path plain = dir.resolve("plain");
        List<Path> tables = new ArrayList<>(List.of(longLog, big));
        if (plainVersions > 0) {
            if (!Files.exists(plain)) {
                SyntheticTableWriter.builder().versions(plainVersions).actionsPerVersion(actions).checkpointInterval(0)
                        .partitions(8).seed(11).write(plain);
            }
            tables.add(plain);
        }
        List<Row2> rows = new ArrayList<>();
        try (PgDatabase pg = PgDatabase.create("bench_kernel_load")) {
            for (Path table : tables) {
                String name = table.getFileName().toString();
                String pgUri = pg.uri("delta", name);
                String sqliteUri = sqliteUri(dir.resolve("lake.db"), name);
                importTable(table, pgUri);
                importTable(table, sqliteUri);
                rows.addAll(measureOnBothStores(table, pgUri, sqliteUri));
            }
        }
        System.out.printf(Locale.ROOT, "%n| table | store | version | live files | Kernel, own _delta_log (ms) "
                + "| through deltasql, first load (ms) | ratio | loaded again (ms) | ratio | after the version before (ms) | ratio |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|---|---|---|%n");
        for (Row2 r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %,d | %.0f | %.0f | %.1f× | %.0f | %.1f× | %s |%n", r.table(),
                    r.store(), r.version(), r.files(), r.kernelMs(), r.deltasqlMs(), r.ratio(), r.againMs(), r.againRatio(),
                    Double.isNaN(r.nextMs()) ? "— (no earlier version) | —"
                            : String.format(Locale.ROOT, "%.0f | %.1f×", r.nextMs(), r.nextRatio()));
        }
        System.out.printf(Locale.ROOT, "%nlong: %d versions × %d actions, a checkpoint every %d; big: a %,d-file checkpoint base and %d commits after it;"
                + " plain: %d versions × %d actions, no checkpoint."
                + " Medians of %d rounds after %d warm-up rounds; heap %d MB; load average %.1f before, %.1f after.%n",
                versions, actions, interval, bigFiles, bigTail, plainVersions, actions, rounds, warmup, Runtime.getRuntime().maxMemory() >> 20,
                loadBefore, loadAverage());
        return 0;
    }

    /**
     * Every table under {@link #sharedDir} that Kernel loads from its own log (small, real tables: the
     * goal is never to be slower than Kernel on any of them), both stores; a table Kernel or the import
     * refuses is named with the reason and left out.
     */
    private int measureShared(Path dir, double loadBefore) throws IOException {
        List<Path> tables;
        try (var dirs = Files.list(sharedDir)) {
            tables = dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).sorted().toList();
        }
        List<Row2> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (PgDatabase pg = PgDatabase.create("bench_kernel_load_shared")) {
            List<Path> measured = new ArrayList<>();
            for (Path table : tables) {
                String name = table.getFileName().toString();
                try {
                    kernelOwnLog(table);
                } catch (RuntimeException e) {
                    skipped.add(name + " (Kernel: " + firstLine(e) + ")");
                    continue;
                }
                try {
                    importTable(table, pg.uri("delta", name));
                    importTable(table, sqliteUri(dir.resolve("shared.db"), name));
                } catch (RuntimeException e) {
                    skipped.add(name + " (import: " + firstLine(e) + ")");
                    continue;
                }
                measured.add(table);
            }
            // Two passes, the first discarded: the JIT has then compiled both sides' paths on every kind of
            // table, so the tables measured first are not measured colder than the last.
            for (int pass = 0; pass < 2; pass++) {
                rows.clear();
                for (Path table : measured) {
                    String name = table.getFileName().toString();
                    rows.addAll(measureOnBothStores(table, pg.uri("delta", name), sqliteUri(dir.resolve("shared.db"), name)));
                }
            }
        }
        System.out.printf("%n| table | store | version | live files | Kernel, own _delta_log (ms) | first load (ms) | ratio "
                + "| loaded again (ms) | ratio | after the version before (ms) | ratio |%n|---|---|---|---|---|---|---|---|---|---|---|%n");
        for (Row2 r : rows) {
            System.out.println(line(r));
        }
        System.out.printf(Locale.ROOT, "%nLowest ratios: first load %.1f× (%s), loaded again %.1f× (%s), after the version before %.1f× (%s).%n",
                lowest(rows, Row2::ratio), lowestName(rows, Row2::ratio), lowest(rows, Row2::againRatio), lowestName(rows, Row2::againRatio),
                lowest(rows, Row2::nextRatio), lowestName(rows, Row2::nextRatio));
        List<String> slower = rows.stream().filter(r -> r.ratio() < 1 || r.againRatio() < 1 || (!Double.isNaN(r.nextMs()) && r.nextRatio() < 1))
                .map(r -> r.table() + " on " + r.store()).toList();
        System.out.println("Slower than Kernel in some column: " + (slower.isEmpty() ? "none" : String.join(", ", slower)) + ".");
        System.out.println("Left out: " + (skipped.isEmpty() ? "none" : String.join("; ", skipped)) + ".");
        System.out.printf(Locale.ROOT, "%d tables × 2 stores, measured in a second pass over them all; medians of %d rounds after %d warm-up rounds; heap %d MB; load average %.1f before, %.1f after.%n",
                rows.size() / 2, rounds, warmup, Runtime.getRuntime().maxMemory() >> 20, loadBefore, loadAverage());
        return 0;
    }

    private static String sqliteUri(Path file, String table) {
        return "deltasql://sqlite/" + file + "/" + table;
    }

    /** Kernel's own load of {@code table}, then deltasql's three loads of its imports into both stores. */
    private List<Row2> measureOnBothStores(Path table, String pgUri, String sqliteUri) {
        String name = table.getFileName().toString();
        double kernel = median(() -> kernelOwnLog(table));
        return List.of(measure(name, "PostgreSQL", pgUri, kernel), measure(name, "SQLite", sqliteUri, kernel));
    }

    private static String line(Row2 r) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %,d | %s | %s | %.1f× | %s | %.1f× | %s |", r.table(), r.store(),
                r.version(), r.files(), ms(r.kernelMs()), ms(r.deltasqlMs()), r.ratio(), ms(r.againMs()), r.againRatio(),
                Double.isNaN(r.nextMs()) ? "— (no earlier version) | —" : String.format(Locale.ROOT, "%s | %.1f×", ms(r.nextMs()), r.nextRatio()));
    }

    /** A small table's loads take a few tenths of a millisecond: two decimals below 10 ms. */
    private static String ms(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }

    private static double lowest(List<Row2> rows, java.util.function.ToDoubleFunction<Row2> ratio) {
        return rows.stream().mapToDouble(ratio).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
    }

    private static String lowestName(List<Row2> rows, java.util.function.ToDoubleFunction<Row2> ratio) {
        double low = lowest(rows, ratio);
        return rows.stream().filter(r -> ratio.applyAsDouble(r) == low).map(r -> r.table() + ", " + r.store()).findFirst().orElse("—");
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private Row2 measure(String name, String store, String uri, double kernelMs) {
        try (DeltaSqlTable table = DeltaSqlTables.open(Stores.parse(uri, PgDatabase.env(), null), StorageSettings.empty())) {
            long[] versionAndFiles = new long[2];
            Runnable load = () -> {
                TableSnapshot s = table.latest();
                versionAndFiles[0] = s.version();
                versionAndFiles[1] = scanFiles(s.engine(), s.scanBuilder().build());
            };
            double first = median(() -> {
                table.dropCachedFiles(); // every round a first load: from the store
                load.run();
            });
            double again = median(load); // the version loaded before: its files kept in memory
            double next = !holds(table, versionAndFiles[0] - 1) ? Double.NaN : median(() -> { // the version before it loaded (untimed), as a reader following a writer has
                table.dropCachedFiles();
                TableSnapshot before = table.at(versionAndFiles[0] - 1);
                scanFiles(before.engine(), before.scanBuilder().build());
            }, load);
            return new Row2(name, store, versionAndFiles[0], versionAndFiles[1], kernelMs, first, again, next);
        }
    }

    /** Whether the store holds {@code version} (a table imported from a checkpoint starts at it). */
    private static boolean holds(DeltaSqlTable table, long version) {
        try {
            table.at(version);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    /** Kernel's own replay: list the log, read the last checkpoint and the commits after it, plan the scan. */
    private static void kernelOwnLog(Path table) {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        Engine engine = DefaultEngine.create(conf);
        Snapshot snapshot = TableManager.loadSnapshot(table.toUri().toString()).build(engine);
        scanFiles(engine, snapshot.getScanBuilder().build());
    }

    private static long scanFiles(Engine engine, Scan scan) {
        long n = 0;
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> files = batches.next().getRows()) {
                    while (files.hasNext()) {
                        files.next();
                        n++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private double median(Runnable round) {
        return median(() -> { }, round);
    }

    /** The median time of {@code round}, each one after an untimed {@code setup}. */
    private double median(Runnable setup, Runnable round) {
        for (int i = 0; i < warmup; i++) {
            setup.run();
            round.run();
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            setup.run();
            long t0 = System.nanoTime();
            round.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[rounds / 2];
    }

    private static void importTable(Path dir, String uri) throws IOException {
        StoreTarget target = Stores.parse(uri, PgDatabase.env(), null);
        try (DeltaLog log = DeltaLog.openLocal(dir.toString()); MetadataStore store = Stores.connect(target)) {
            VersionPlan plan = log.plan(0, null, false);
            RegisteredTable table = store.register(target.table(), log.location(), false);
            if (table.headVersion() >= plan.lastVersion()) {
                return;
            }
            try (VersionWriter writer = store.writer(table, WriterOptions.defaults())) {
                writer.applyAll(log.versions(plan));
            }
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
