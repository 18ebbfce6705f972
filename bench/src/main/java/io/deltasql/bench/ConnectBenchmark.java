package io.deltasql.bench;

import io.deltasql.bench.ReaderBenchmark.Args;
import io.deltasql.synth.SyntheticTable;
import io.deltasql.synth.SyntheticTableWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Kafka Connect plugin throughput and lag (a plain main, not a test; see {@code bench/run-connect.sh}
 * and docs/performance.md): one KRaft broker and one Connect worker in this JVM, a fresh database on
 * the local PostgreSQL.
 *
 * <ol>
 *   <li>source alone: a synthetic table (default 2000 versions x 50 actions) read by one task into
 *       its topic, timed from connector creation until the topic's end offset holds every action
 *       (no consumer involved); with exactly-once off, then again on a second worker with
 *       exactly-once on ({@code transaction.boundary=connector}: one transaction per version);</li>
 *   <li>sink alone: the filled topic applied to PostgreSQL, from connector creation until
 *       {@code dl_tables.head_version} is the last version;</li>
 *   <li>end to end, bulk: both connectors created together on the same table under another name,
 *       until the head is the last version;</li>
 *   <li>end to end, lag: both connectors follow a live table while a writer publishes a commit of
 *       20 actions every 100 ms for 60 s (written under a temporary name, then renamed); per version,
 *       the time from the rename until the head reached it (head polled every 10 ms over a separate
 *       connection).</li>
 * </ol>
 *
 * <p>Then, on the same bulk log into the same database: {@code deltasql import} with the CLI's own jar
 * ({@link ConnectCliBaseline}), and the ratios end to end, source alone and sink alone over it.
 *
 * <p>Arguments (all optional): {@code --cli-jar PATH --versions N --actions M --live-seconds S --live-interval-ms I
 * --live-actions A --poll-ms P --warmup-versions W --no-analyze --custom-plans --source k=v,k=v --sink k=v,k=v
 * --both k=v,k=v --phases source,sink,e2e,cli,lag --rounds R --variants "a:k=v,k=v;b:k=v" --no-eos --timeout-s T --dir DIR --keep}.
 * {@code --source}/{@code --sink} add (or override) connector settings, e.g.
 * {@code --sink consumer.override.max.poll.records=500}; {@code --both} sets them on both connectors
 * (e.g. {@code value.converter.schemas.enable=false}), before {@code --source}/{@code --sink}.
 * {@code --phases} runs a subset (the sink alone needs the source-alone phase, which it then runs).
 * {@code --rounds}/{@code --variants} repeat the source-alone and sink-alone phases in the same JVM, each
 * variant's settings over the base ones (producer.* to the source, consumer.* to the sink, others to
 * both), each run on its own table name: settings compared under the same JIT state and load.
 *
 * <p>After the warm-up the database is analyzed once ({@code --no-analyze} to skip), as autovacuum's
 * auto-analyze would have: the measured tables are then new to the statistics, which is what a sink
 * meets when it starts syncing a table. With such statistics the writer's live-file probe currently
 * scans every row of the table per key (see docs/performance.md, "Kafka Connect").
 */
public final class ConnectBenchmark {
    /** Issue 17: end to end at least this share of the CLI import of the same log into the same PostgreSQL. */
    static final double TARGET_RATIO_TO_CLI = 0.8;
    static final double TARGET_LAG_P99_MS = 2_000;
    private static final long HEAD_POLL_MS = 10;

    /**
     * Settings the benchmark runs with unless overridden: none, so a run without --both/--source/--sink
     * measures the connectors' defaults (the recommended settings of docs/connector.md, Throughput, are
     * passed on the command line; see docs/performance.md, "Kafka Connect").
     */
    static final Map<String, String> SOURCE_DEFAULTS = Map.of();
    static final Map<String, String> SINK_DEFAULTS = Map.of();

    private final int versions;
    private final int warmupVersions;
    private final int actions;
    private final int liveSeconds;
    private final int liveIntervalMs;
    private final int liveActions;
    private final long pollMs;
    private final Map<String, String> sourceSettings;
    private final Map<String, String> sinkSettings;
    private final List<String> phases;
    private final int rounds;
    private final List<Variant> variants;
    private final boolean eos;
    private final long timeoutMs;
    private final Path dir;
    private final boolean keep;
    private final boolean analyze;
    private final boolean genericPlans;
    private final Path cliJar;
    private final ConnectReport report = new ConnectReport();
    /** Actions per second (wall) of the phases run, for the ratios to the CLI import. */
    private final Map<String, Double> rates = new LinkedHashMap<>();
    /** The CLI's rate over the import time it reports itself (without its JVM's start), or NaN. */
    private double cliImportOnly = Double.NaN;

    private ConnectBenchmark(Args a) throws IOException {
        versions = a.intValue("--versions", 2000);
        warmupVersions = a.intValue("--warmup-versions", 400);
        actions = a.intValue("--actions", 50);
        liveSeconds = a.intValue("--live-seconds", 60);
        liveIntervalMs = a.intValue("--live-interval-ms", 100);
        liveActions = a.intValue("--live-actions", 20);
        pollMs = a.longValue("--poll-ms", 250);
        // --both: settings of both connectors, e.g. the converters (they must agree on the record format).
        Map<String, String> both = settings(Map.of(), a.text("--both", ""));
        sourceSettings = settings(merge(SOURCE_DEFAULTS, both), a.text("--source", ""));
        sinkSettings = settings(merge(SINK_DEFAULTS, both), a.text("--sink", ""));
        phases = List.of(a.text("--phases", "source,sink,e2e,cli,lag").split(","));
        // Default: the CLI jar of this checkout, run from its root (run-connect.sh) or from bench/ (mvn exec).
        Path jar = Path.of(a.text("--cli-jar", "cli/target/deltasql.jar"));
        cliJar = Files.exists(jar) || jar.isAbsolute() || !Files.exists(Path.of("..").resolve(jar)) ? jar : Path.of("..").resolve(jar);
        rounds = a.intValue("--rounds", 1);
        variants = variants(a.text("--variants", ""), sourceSettings, sinkSettings);
        eos = !a.flag("--no-eos");
        timeoutMs = a.longValue("--timeout-s", 600) * 1000;
        String d = a.text("--dir", null);
        dir = d != null ? Files.createDirectories(Path.of(d)) : Files.createTempDirectory("deltasql-connect-bench-");
        keep = a.flag("--keep");
        analyze = !a.flag("--no-analyze");
        genericPlans = !a.flag("--custom-plans");
    }

    public static void main(String[] args) throws Exception {
        // The Kafka test jars carry a log4j2.yaml at INFO, which log4j prefers to this module's log4j2.xml.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2.xml");
        }
        new ConnectBenchmark(new Args(args)).run();
        System.exit(0); // the embedded cluster leaves non-daemon threads behind after stop()
    }

    private void run() throws Exception {
        report.header(String.format(Locale.ROOT,
                "deltasql Kafka Connect benchmark: Java %s, %d CPUs, max heap %s, load average %.1f at start",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Report.mb(Runtime.getRuntime().maxMemory()), loadAverage()));
        report.note("source settings: " + (sourceSettings.isEmpty() ? "connector defaults" : sourceSettings)
                + "; sink settings: " + (sinkSettings.isEmpty() ? "connector defaults" : sinkSettings)
                + "; poll.interval.ms=" + pollMs + "; worker converters: JsonConverter with schemas (the worker's default;"
                + " value.converter.* in the connector settings override it); phases: " + phases);
        try {
            long t0 = System.nanoTime();
            SyntheticTable bulk = SyntheticTableWriter.builder().versions(versions).actionsPerVersion(actions)
                    .checkpointInterval(0).partitions(8).seed(42).write(dir.resolve("bulk"));
            int liveVersions = liveSeconds * 1000 / liveIntervalMs;
            SyntheticTable staging = SyntheticTableWriter.builder().versions(liveVersions + 1)
                    .actionsPerVersion(liveActions).checkpointInterval(0).partitions(8).seed(7)
                    .write(dir.resolve("staging"));
            Path liveLog = Files.createDirectories(dir.resolve("live/_delta_log"));
            ConnectCommitFeeder.publish(dir.resolve("staging/_delta_log"), liveLog, 0);
            report.note(String.format(Locale.ROOT, "bulk table: %d versions, %,d actions; live table: %d commits of %d"
                            + " actions, one every %d ms (generated in %.1f s)", bulk.lastVersion() + 1,
                    bulk.actionsWritten(), liveVersions, liveActions, liveIntervalMs, seconds(t0)));

            report.note((genericPlans ? "database setting plan_cache_mode=force_generic_plan"
                    : "database setting plan_cache_mode=auto (PostgreSQL's default)")
                    + "; the sink's writer sets force_custom_plan on its own session, which overrides it");
            try (ConnectDatabase db = new ConnectDatabase(genericPlans)) {
                t0 = System.nanoTime();
                try (ConnectHarness connect = ConnectHarness.start(false)) {
                    report.note(String.format(Locale.ROOT, "cluster (1 broker, 1 worker, exactly-once off) started in %.1f s",
                            seconds(t0)));
                    warmUp(connect, db);
                    analyze(db);
                    int run = 0;
                    for (int round = 1; round <= rounds; round++) {
                        for (Variant v : variants) {
                            // Each run its own table name: new source offsets, topic and dl_tables row.
                            String table = rounds * variants.size() == 1 ? "bulk" : "bulk_" + (++run);
                            String label = (v.label().isEmpty() ? "" : v.label() + ", ")
                                    + (rounds == 1 ? "" : "round " + round);
                            label = label.isEmpty() ? "" : " [" + label.replaceAll(", $", "") + "]";
                            if (phases.contains("source") || phases.contains("sink")) {
                                // the sink alone reads the topic the source alone filled
                                sourceAlone(connect, db, bulk, table, "exactly-once off", v.source(), label);
                            }
                            if (phases.contains("sink")) {
                                sinkAlone(connect, db, bulk, table, v.sink(), label);
                            }
                        }
                    }
                    if (phases.contains("e2e")) {
                        endToEndBulk(connect, db, bulk);
                    }
                    if (phases.contains("cli")) {
                        cliImport(db, bulk);
                    }
                    if (phases.contains("lag")) {
                        endToEndLag(connect, db, dir.resolve("staging/_delta_log"), liveLog, liveVersions);
                    }
                }
                if (eos) {
                    t0 = System.nanoTime();
                    try (ConnectHarness connect = ConnectHarness.start(true)) {
                        report.note(String.format(Locale.ROOT,
                                "second cluster (exactly-once source support enabled) started in %.1f s", seconds(t0)));
                        warmUp(connect, db);
                        sourceAlone(connect, db, bulk, "bulk", "exactly-once, one transaction per version",
                                sourceSettings, "");
                    }
                }
            }
            ratios();
            report.note(String.format(Locale.ROOT, "load average %.1f at end", loadAverage()));
        } finally {
            if (!keep) {
                deleteTree(dir);
            } else {
                report.note("kept " + dir);
            }
        }
        report.print(System.out);
    }

    /**
     * Both connectors once over a smaller table, unmeasured: a worker runs for days, so its JIT-compiled
     * code is what counts (a cold JVM spends more CPU in C1/C2 than in the connectors at first).
     */
    private void warmUp(ConnectHarness connect, ConnectDatabase db) throws Exception {
        if (warmupVersions <= 0) {
            return;
        }
        String name = connect.exactlyOnce() ? "warm_eos" : "warm";
        Path table = dir.resolve(name);
        SyntheticTable warm = Files.exists(table.resolve("_delta_log")) ? null
                : SyntheticTableWriter.builder().versions(warmupVersions).actionsPerVersion(actions)
                        .checkpointInterval(0).partitions(8).seed(1).write(table);
        long last = warm == null ? warmupVersions - 1 : warm.lastVersion();
        Phase p = Phase.begin(db);
        connect.startSource(name + "-source", name, name, uri(table), pollMs, sourceSettings);
        connect.startSink(name + "-sink", name + "." + name, db.targetUri(), sinkSettings);
        await(name + " at version " + last + " in PostgreSQL", connect, () -> db.head(name) >= last);
        p.end("warm-up (" + (last + 1) + " versions, unmeasured)");
        report.note(String.format(Locale.ROOT, "warm-up%s: %d versions x %d actions end to end in %.1f s (not measured)",
                connect.exactlyOnce() ? " (exactly-once cluster)" : "", last + 1, actions, p.seconds));
        connect.delete(name + "-source");
        connect.delete(name + "-sink");
    }

    /** What autovacuum's auto-analyze would have done by now on a server where it is on. */
    private void analyze(ConnectDatabase db) throws Exception {
        if (analyze) {
            report.note(String.format(Locale.ROOT, "ANALYZE after the warm-up (%.2f s; the server's autovacuum is %s):"
                    + " statistics that have not seen the measured tables' table_id, as a sink syncing a new table"
                    + " meets them (--no-analyze: none at all; see docs/performance.md)", db.analyze(),
                    db.autovacuum()));
        }
    }

    /** 1. The source alone: connector creation until the topic holds every action (plus markers under EOS). */
    private void sourceAlone(ConnectHarness connect, ConnectDatabase db, SyntheticTable bulk, String table, String mode,
                             Map<String, String> settings, String label) throws Exception {
        String topic = "src." + table;
        long expected = bulk.actionsWritten() + (connect.exactlyOnce() ? bulk.lastVersion() + 1 : 0);
        Phase p = Phase.begin(db);
        connect.startSource(table + "-source", "src", table, uri(bulk.location()), pollMs, settings);
        await("topic " + topic + " at end offset " + expected, connect, () -> connect.endOffset(topic) >= expected);
        p.end("source alone, " + mode + label);
        rates.putIfAbsent("source alone, " + mode, bulk.actionsWritten() / p.seconds);
        report.rate("source, 1 task, " + mode + " (topic end offset)" + label, bulk.actionsWritten(),
                work(bulk), p.seconds, p.cpuSeconds, p.postgresSeconds(), 0);
        report.note("CPU of the source alone (" + mode + label + "): " + CpuBreakdown.format(p.breakdown));
        connect.delete(table + "-source");
    }

    /** 2. The sink alone on the filled topic: connector creation until PostgreSQL's head is the last version. */
    private void sinkAlone(ConnectHarness connect, ConnectDatabase db, SyntheticTable bulk, String table,
                           Map<String, String> settings, String label) throws Exception {
        Phase p = Phase.begin(db);
        connect.startSink(table + "-sink", "src." + table, db.targetUri(), settings);
        double[] firstVersion = {-1};
        String what = "sink, 1 task (dl_tables.head_version)" + label;
        try {
            await(table + " at version " + bulk.lastVersion() + " in PostgreSQL", connect, () -> {
                long head = db.head(table);
                if (head >= 0 && firstVersion[0] < 0) {
                    firstVersion[0] = seconds(p.startNanos);
                }
                return head >= bulk.lastVersion();
            });
            p.end("sink alone" + label);
            rates.putIfAbsent("sink alone", bulk.actionsWritten() / p.seconds);
            report.rate(what, bulk.actionsWritten(), work(bulk), p.seconds, p.cpuSeconds, p.postgresSeconds(), 0);
        } catch (TimedOut e) {
            timedOut(p, what, db.head(table), 0);
        }
        report.note("CPU of the sink alone" + label + ": " + CpuBreakdown.format(p.breakdown));
        report.note(String.format(Locale.ROOT, "sink alone%s: version 0 was in PostgreSQL %.2f s after creation"
                + " (task start, consumer group join, first fetch)", label, firstVersion[0]));
        connect.delete(table + "-sink");
    }

    /** 3. Both connectors on the bulk table (under another name, so new offsets, topic and dl_tables row). */
    private void endToEndBulk(ConnectHarness connect, ConnectDatabase db, SyntheticTable bulk) throws Exception {
        Phase p = Phase.begin(db);
        connect.startSource("e2e-source", "e2e", "bulk_e2e", uri(bulk.location()), pollMs, sourceSettings);
        connect.startSink("e2e-sink", "e2e.bulk_e2e", db.targetUri(), sinkSettings);
        String what = "end to end, bulk (source + sink, creation until head = last)";
        try {
            await("bulk_e2e at version " + bulk.lastVersion() + " in PostgreSQL", connect,
                    () -> db.head("bulk_e2e") >= bulk.lastVersion());
            p.end("end to end, bulk");
            rates.put("end to end", bulk.actionsWritten() / p.seconds);
            report.rate(what, bulk.actionsWritten(), work(bulk), p.seconds, p.cpuSeconds, p.postgresSeconds(), 0);
        } catch (TimedOut e) {
            timedOut(p, what, db.head("bulk_e2e"), 0);
        }
        report.note("CPU of end to end, bulk: " + CpuBreakdown.format(p.breakdown));
        connect.delete("e2e-source");
        connect.delete("e2e-sink");
    }

    /**
     * 5. The CLI import of the same log into the same database (table {@code bulk_cli}): the baseline of the
     * ratios. Its time includes the CLI's JVM start, as a user's run does; the import time it reports is noted.
     */
    private void cliImport(ConnectDatabase db, SyntheticTable bulk) throws Exception {
        ConnectCliBaseline.Result r = ConnectCliBaseline.run(cliJar, uri(bulk.location()), "bulk_cli", db, timeoutMs);
        if (db.head("bulk_cli") != bulk.lastVersion()) {
            throw new IllegalStateException("the CLI import ended at version " + db.head("bulk_cli") + ", not "
                    + bulk.lastVersion());
        }
        System.err.printf(Locale.ROOT, "[connect-bench] CLI import: %.2f s wall (import %.2f s), CPU %.1f s, PostgreSQL %.1f s,"
                + " load average %.1f%n", r.wallSeconds(), r.importSeconds(), r.cpuSeconds(), r.postgresSeconds(), loadAverage());
        rates.put("CLI import", bulk.actionsWritten() / r.wallSeconds());
        cliImportOnly = bulk.actionsWritten() / r.importSeconds(); // NaN when the CLI did not report it
        report.rate("CLI import of the same log (deltasql import --skip-validation, its own JVM; process start to exit)",
                bulk.actionsWritten(), work(bulk), r.wallSeconds(), r.cpuSeconds(), r.postgresSeconds(), 0);
        report.note(String.format(Locale.ROOT, "CLI import: %.2f s wall, of which the import itself %.2f s (as the CLI"
                + " reports it; the rest is its JVM's start and the connection); CPU: CLI process %.1f s, PostgreSQL %.1f s",
                r.wallSeconds(), r.importSeconds(), r.cpuSeconds(), r.postgresSeconds()));
    }

    /** The ratios of issue 17: each Connect phase's rate over the CLI import's, same log, same database, same run. */
    private void ratios() {
        Double cli = rates.get("CLI import");
        if (cli == null) {
            return;
        }
        for (Map.Entry<String, Double> e : rates.entrySet()) {
            if (!e.getKey().equals("CLI import")) {
                report.ratio("ratio: " + e.getKey() + " / CLI import", String.format(Locale.ROOT,
                        "%,.0f / %,.0f actions/s", e.getValue(), cli), e.getValue() / cli,
                        e.getKey().equals("end to end") ? TARGET_RATIO_TO_CLI : 0);
            }
        }
        Double e2e = rates.get("end to end");
        if (e2e != null && !Double.isNaN(cliImportOnly)) {
            // The strict reading: the CLI without its JVM's start, connection and schema check.
            report.ratio("ratio: end to end / CLI import time as the CLI reports it", String.format(Locale.ROOT,
                    "%,.0f / %,.0f actions/s", e2e, cliImportOnly), e2e / cliImportOnly, TARGET_RATIO_TO_CLI);
        }
    }

    /** 4. Lag from a commit file's rename to PostgreSQL's head reaching its version, while commits keep coming. */
    private void endToEndLag(ConnectHarness connect, ConnectDatabase db, Path stagingLog, Path liveLog,
                             int liveVersions) throws Exception {
        connect.startSource("live-source", "live", "live", uri(liveLog.getParent()), pollMs, sourceSettings);
        connect.startSink("live-sink", "live.live", db.targetUri(), sinkSettings);
        await("live at version 0 in PostgreSQL", connect, () -> db.head("live") >= 0);
        long[] reachedNanos = new long[liveVersions + 1];
        Phase p = Phase.begin(db);
        try (ConnectCommitFeeder feeder = new ConnectCommitFeeder(stagingLog, liveLog, 1, liveVersions, liveIntervalMs)) {
            feeder.start();
            long[] head = {0};
            await("live at version " + liveVersions + " in PostgreSQL", connect, () -> {
                feeder.checkHealthy();
                long h = db.head("live");
                long now = System.nanoTime();
                for (long v = head[0] + 1; v <= h; v++) {
                    reachedNanos[(int) v] = now;
                }
                head[0] = Math.max(head[0], h);
                return h >= liveVersions;
            }, HEAD_POLL_MS);
            p.end("end to end, live commits");
            double[] lags = new double[liveVersions];
            for (int v = 1; v <= liveVersions; v++) {
                lags[v - 1] = (reachedNanos[v] - feeder.visibleAt(v)) / 1e6;
            }
            long liveActionsTotal = (long) liveVersions * liveActions;
            report.lag("end to end, lag per commit (rename -> head), poll.interval.ms=" + pollMs,
                    String.format(Locale.ROOT, "%d commits x %d actions, one per %d ms", liveVersions, liveActions,
                            liveIntervalMs), new ConnectLag(lags), TARGET_LAG_P99_MS);
            report.note(String.format(Locale.ROOT, "live phase: %.1f s for %d commits (%,.0f actions/s offered),"
                            + " process CPU %.1f s; the writer ran up to %d ms behind its schedule",
                    p.seconds, liveVersions, liveActionsTotal / p.seconds, p.cpuSeconds, feeder.lateMaxMillis()));
            report.note("CPU of the live phase: " + CpuBreakdown.format(p.breakdown));
        }
        connect.delete("live-source");
        connect.delete("live-sink");
    }

    /** A phase that did not finish within --timeout-s: its rate so far is still worth a row. */
    private void timedOut(Phase p, String what, long head, double target) {
        p.end(what + ", TIMED OUT at version " + head);
        long done = (head + 1) * actions;
        report.rate(what + " — TIMED OUT after " + timeoutMs / 1000 + " s at version " + head, done,
                String.format(Locale.ROOT, "%,d actions (%d versions x %d) of %,d", done, head + 1, actions,
                        (long) versions * actions), p.seconds, p.cpuSeconds, p.postgresSeconds(), target);
    }

    /** Thrown by {@link #await} when --timeout-s passes. */
    private static final class TimedOut extends IllegalStateException {
        TimedOut(String message) {
            super(message);
        }
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private void await(String what, ConnectHarness connect, Check check) throws Exception {
        await(what, connect, check, 20);
    }

    private void await(String what, ConnectHarness connect, Check check, long sleepMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long nextHealthCheck = System.currentTimeMillis() + 1000;
        while (!check.done()) {
            if (System.currentTimeMillis() >= nextHealthCheck) {
                nextHealthCheck = System.currentTimeMillis() + 1000;
                for (String f : connect.restartFailedTasks()) {
                    System.err.println("[connect-bench] restarted a failed task while waiting for " + what + ": " + f);
                    report.note("RESTARTED a failed task while waiting for " + what + " (its time is included): " + f);
                }
            }
            if (System.currentTimeMillis() > deadline) {
                List<String> states = new ArrayList<>();
                connect.connectors().forEach(c -> states.add(connect.status(c)));
                throw new TimedOut("timed out after " + timeoutMs / 1000 + " s waiting for " + what
                        + "; connectors: " + states + " — raise --timeout-s if the machine is just slow");
            }
            Thread.sleep(sleepMs);
        }
    }

    /**
     * Wall and process CPU time of one measured phase (process = broker + worker + connectors; PostgreSQL
     * runs apart), and where the CPU went ({@link CpuBreakdown}, PostgreSQL's backends of the database included).
     */
    private static final class Phase {
        final ConnectDatabase db;
        final CpuBreakdown cpu;
        final long startNanos = System.nanoTime();
        final long startCpu = cpuNanos();
        double seconds;
        double cpuSeconds;
        Map<String, Double> breakdown = Map.of();

        private Phase(ConnectDatabase db) {
            this.db = db;
            this.cpu = CpuBreakdown.begin(db == null ? List.of() : db.backends());
        }

        static Phase begin(ConnectDatabase db) {
            return new Phase(db);
        }

        void end() {
            seconds = seconds(startNanos);
            cpuSeconds = (cpuNanos() - startCpu) / 1e9;
            breakdown = cpu.end(db == null ? List.of() : db.backends());
        }

        void end(String what) {
            end();
            System.err.printf(Locale.ROOT, "[connect-bench] %s: %.2f s (process CPU %.1f s), load average %.1f; CPU: %s%n",
                    what, seconds, cpuSeconds, loadAverage(), CpuBreakdown.format(breakdown));
        }

        double postgresSeconds() {
            return breakdown.getOrDefault("postgres", 0.0);
        }
    }

    private String work(SyntheticTable t) {
        return String.format(Locale.ROOT, "%,d actions (%d versions x %d)", t.actionsWritten(), t.lastVersion() + 1,
                actions);
    }

    /** Settings compared within one JVM (same broker, same JIT state) in the source-alone and sink-alone phases. */
    record Variant(String label, Map<String, String> source, Map<String, String> sink) {
    }

    /**
     * {@code label:k=v,k=v;label2:k=v} over the base settings; producer.* keys go to the source only,
     * consumer.* keys to the sink only, all others to both (e.g. the converters). Empty: one unlabelled variant.
     */
    static List<Variant> variants(String spec, Map<String, String> source, Map<String, String> sink) {
        if (spec.isBlank()) {
            return List.of(new Variant("", source, sink));
        }
        List<Variant> out = new ArrayList<>();
        for (String v : spec.split(";")) {
            int colon = v.indexOf(':');
            String label = colon < 0 ? v.trim() : v.substring(0, colon).trim();
            Map<String, String> src = new LinkedHashMap<>(source);
            Map<String, String> snk = new LinkedHashMap<>(sink);
            settings(Map.of(), colon < 0 ? "" : v.substring(colon + 1)).forEach((k, val) -> {
                if (!k.startsWith("consumer.")) {
                    src.put(k, val);
                }
                if (!k.startsWith("producer.")) {
                    snk.put(k, val);
                }
            });
            out.add(new Variant(label, src, snk));
        }
        return out;
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        out.putAll(b);
        return out;
    }

    static Map<String, String> settings(Map<String, String> defaults, String list) {
        Map<String, String> out = new LinkedHashMap<>(defaults);
        for (String kv : list.split(",")) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("connector setting '" + kv + "' is not key=value");
            }
            out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        // Connect applies a connector's converter settings only to a converter the connector names
        // itself; without the class it uses the worker's converter with the worker's settings, and
        // e.g. value.converter.schemas.enable=false is silently ignored (Plugins.newConverter).
        for (String converter : List.of("key.converter", "value.converter")) {
            boolean configured = out.keySet().stream().anyMatch(k -> k.startsWith(converter + "."));
            if (configured && !out.containsKey(converter)) {
                out.put(converter, "org.apache.kafka.connect.json.JsonConverter");
            }
        }
        return out;
    }

    private static String uri(Path table) {
        return "file://" + table.toAbsolutePath();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
