package io.deltasql.bench;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.storage.LogStorages;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.Stores;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.VersionWriter.ApplyOutcome;
import io.deltasql.store.validate.ValidationReport;
import io.deltasql.store.validate.Validator;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.write.WriterOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writer throughput (a plain main, not a test; see {@code bench/run-writer.sh}): a synthetic log of
 * N versions × ~25 actions and a 1M-file checkpoint base, each read with {@code DeltaLog} and written
 * with {@link VersionWriter} into a fresh database (created and dropped here), against the limit:
 * the same actions, read the same way, sent with a raw text COPY into a plain table. Also: the
 * reader alone, and the size of the dl_* tables against the commit JSON.
 */
@Command(name = "WriterBenchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "PgVersionWriter against a raw COPY of the same rows, in one JVM (see bench/run-writer.sh).")
public final class WriterBenchmark implements Callable<Integer> {
    @Option(names = "--versions", paramLabel = "N", defaultValue = "100000", description = "Versions of the commit log (default: ${DEFAULT-VALUE}).")
    int versions;

    @Option(names = "--actions", paramLabel = "N", defaultValue = "25", description = "Commit lines per version (default: ${DEFAULT-VALUE}).")
    int actions;

    @Option(names = "--per-version", paramLabel = "N", defaultValue = "1000",
            description = "Versions written one transaction per version; 0 skips (default: ${DEFAULT-VALUE}).")
    int perVersion;

    @Option(names = "--big", paramLabel = "N", defaultValue = "1000000", description = "Files of the checkpoint base; 0 skips (default: ${DEFAULT-VALUE}).")
    long bigFiles;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "bench/target/writer-data",
            description = "Generated logs, reused across runs (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--generate-only", description = "Generate the logs and stop.")
    boolean generateOnly;

    @Option(names = "--async-commit", description = "The writer with synchronous_commit off.")
    boolean asyncCommit;

    @Option(names = "--validate",
            description = "After each writer run, compare the SQL snapshot with the file replay at three versions "
                    + "(needs heap for the replay's live files).")
    boolean validate;

    private WriterData data;

    public static void main(String[] args) {
        System.exit(BenchCommands.execute(new WriterBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        data = new WriterData(dir, versions, actions, bigFiles);
        run();
        return 0;
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "deltasql writer benchmark: Java %s, %d CPUs, max heap %.0f MB, load average %.1f at start%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576.0, load());
        data.ensure(s -> System.out.println("  " + s));
        if (generateOnly) {
            return;
        }
        String commits = data.commits.toString();
        try (WriterDatabase db = new WriterDatabase()) {
            System.out.println("  database " + db.name + (asyncCommit ? ", writer with synchronous_commit off" : ""));
            Measure read = readOnly(commits, null);
            print("read only (DeltaLog, no database), commit log", read, "actions");
            long t0 = System.nanoTime();
            long rawRows = WriterRawCopy.copy(db, "raw_commits", commits, null);
            Measure raw = new Measure(rawRows, versions, seconds(t0));
            print("raw COPY (limit), commit log", raw, "rows");

            Measure group = write(db, "gc", commits, null, WriterOptions.defaults(), true);
            print("VersionWriter, group commit (5000 actions / 200 ms)", group, "actions");
            System.out.printf(Locale.ROOT, "  ratio group-commit writer / raw COPY: %.2f (target >= 0.6)%n", group.rate() / raw.rate());
            long dbBytes = db.size("gc", "dl_");
            long json = data.commitJsonBytes();
            System.out.printf(Locale.ROOT, "  size: dl_* tables incl. indexes and TOAST %,d bytes; commit JSON %,d bytes; ratio %.2f (target <= 2)%n",
                    dbBytes, json, (double) dbBytes / json);
            System.out.printf(Locale.ROOT, "  raw COPY table %,d bytes%n", db.size("public", "raw_commits"));

            if (perVersion > 0) {
                Measure pv = write(db, "pv", commits, (long) Math.min(perVersion, versions) - 1, WriterOptions.defaults().perVersion(), true);
                print("VersionWriter, one transaction per version (first " + Math.min(perVersion, versions) + " versions)", pv, "actions");
            }
            if (bigFiles > 0) {
                String cp = data.checkpoint.toString();
                Measure cread = readOnly(cp, null);
                print("read only, " + bigFiles + "-file checkpoint", cread, "actions");
                t0 = System.nanoTime();
                long cpRows = WriterRawCopy.copy(db, "raw_checkpoint", cp, null);
                Measure craw = new Measure(cpRows, 1, seconds(t0));
                print("raw COPY (limit), checkpoint", craw, "rows");
                Measure cw = write(db, "cp", cp, null, WriterOptions.defaults(), false);
                print("VersionWriter, checkpoint base as one version", cw, "actions");
                System.out.printf(Locale.ROOT, "  ratio checkpoint writer / raw COPY: %.2f (target >= 0.6); heap limit %.0f MB%n",
                        cw.rate() / craw.rate(), Runtime.getRuntime().maxMemory() / 1048576.0);
            }
        }
        System.out.printf(Locale.ROOT, "  load average %.1f at end%n", load());
    }

    private Measure readOnly(String location, Long upTo) {
        long t0 = System.nanoTime();
        long n = 0;
        long v = 0;
        long sink = 0;
        try (DeltaLog log = LogStorages.openLog(location)) {
            VersionPlan plan = log.plan(0, upTo, false);
            try (CloseableIterator<VersionBatch> batches = log.versions(plan)) {
                while (batches.hasNext()) {
                    VersionBatch b = batches.next();
                    v++;
                    try (CloseableIterator<Action> it = b.actions().open()) {
                        while (it.hasNext()) {
                            sink += it.next().hashCode();
                            n++;
                        }
                    }
                }
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return new Measure(n, v, seconds(t0));
    }

    private Measure write(WriterDatabase db, String schema, String location, Long upTo, WriterOptions options, boolean check) {
        WriterOptions o = asyncCommit ? options.withSynchronousCommit(false) : options;
        try (MetadataStore store = Stores.connect(db.target(schema)); DeltaLog log = LogStorages.openLog(location)) {
            RegisteredTable table = store.register("bench", location, false);
            long t0 = System.nanoTime();
            try (VersionWriter w = store.writer(table, o)) {
                VersionPlan plan = log.plan(0, upTo, false);
                long applied;
                if (o.groupCommit()) {
                    applied = w.applyAll(log.versions(plan));
                } else {
                    applied = 0;
                    try (CloseableIterator<VersionBatch> batches = log.versions(plan)) {
                        while (batches.hasNext()) {
                            if (w.apply(batches.next()) == ApplyOutcome.APPLIED) {
                                applied++;
                            }
                        }
                    }
                }
                Measure m = new Measure(w.stats().totalActions(), applied, seconds(t0));
                if (check && validate) {
                    validate(store, table, log, w.head());
                }
                return m;
            }
        }
    }

    /** The SQL snapshot against the file replay at a third, two thirds and the head (not timed). */
    private static void validate(MetadataStore store, RegisteredTable table, DeltaLog log, long head) {
        for (long v : new long[] {head / 3, 2 * head / 3, head}) {
            Snapshot file = log.snapshot(v);
            ValidationReport r = Validator.compare(file, store.queries().snapshotAt(table, v));
            if (!r.passed()) {
                throw new IllegalStateException(r.render());
            }
            System.out.printf(Locale.ROOT, "  validated %s at version %d: %d live files agree%n", table.location(), v,
                    file.numFiles());
        }
    }

    private static void print(String what, Measure m, String unit) {
        System.out.printf(Locale.ROOT, "| %s | %,d %s, %,d versions | %.1f s | %,.0f %s/s | %,.0f versions/s |%n",
                what, m.items, unit, m.versions, m.seconds, m.rate(), unit, m.versions / m.seconds);
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private record Measure(long items, long versions, double seconds) {
        double rate() {
            return items / seconds;
        }
    }
}
