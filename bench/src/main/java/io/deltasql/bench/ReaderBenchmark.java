package io.deltasql.bench;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.checkpoint.CheckpointData;
import io.deltasql.log.checkpoint.CheckpointFiles;
import io.deltasql.log.checkpoint.CheckpointKind;
import io.deltasql.log.checkpoint.CheckpointReader;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.synth.SyntheticTable;
import io.deltasql.synth.SyntheticTableWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reader throughput and memory (a plain main, not a test; run it with {@code -Xmx256m}, see
 * {@code bench/run-reader.sh}): JSON commit parsing in actions/s, checkpoint reading in rows/s via
 * {@link CheckpointReader}, and the peak heap while streaming a 1M-file checkpoint.
 */
@Command(name = "ReaderBenchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reader throughput (JSON commits, checkpoints) and the heap while streaming a big checkpoint.")
public final class ReaderBenchmark implements Callable<Integer> {
    static final double TARGET_JSON = 300_000;
    static final double TARGET_CHECKPOINT = 300_000;

    @Option(names = "--versions", paramLabel = "N", defaultValue = "1000", description = "Versions of the synthetic log (default: ${DEFAULT-VALUE}).")
    int versions;

    @Option(names = "--actions", paramLabel = "N", defaultValue = "100", description = "Commit lines per version (default: ${DEFAULT-VALUE}).")
    int actions;

    @Option(names = "--interval", paramLabel = "N", defaultValue = "100", description = "A checkpoint every N versions (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "8", description = "Partition values (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--big", paramLabel = "N", defaultValue = "1000000", description = "Files in the big checkpoint (default: ${DEFAULT-VALUE}).")
    long bigFiles;

    @Option(names = "--row-group-mb", paramLabel = "N", defaultValue = "64", description = "Row group size of the checkpoints (default: ${DEFAULT-VALUE}).")
    long rowGroupMb;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the tables (default: a temporary directory).")
    Path dirOption;

    @Option(names = "--keep", description = "Keep the tables afterwards.")
    boolean keep;

    private Path dir;
    private long sink; // consumed values, so the JIT cannot drop the work

    public static void main(String[] args) {
        System.exit(BenchCommands.execute(new ReaderBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        dir = dirOption != null ? Files.createDirectories(dirOption) : Files.createTempDirectory("deltasql-bench-");
        run();
        return 0;
    }

    private void run() throws Exception {
        Report report = new Report();
        report.header(String.format(Locale.ROOT, "deltasql reader benchmark: Java %s, %d CPUs, max heap %s, load average %.1f at start",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Report.mb(HeapWatch.maxHeapBytes()),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        try {
            long t0 = System.nanoTime();
            SyntheticTable log = SyntheticTableWriter.builder().versions(versions).actionsPerVersion(actions)
                    .checkpointInterval(interval).partitions(partitions).seed(42).write(dir.resolve("log"));
            report.note(String.format(Locale.ROOT,
                    "synthetic log: %d versions x %d actions, checkpoint every %d, %d partitions, %d live files"
                            + " (generated in %.1f s)", versions, actions, interval, partitions, log.liveFiles(),
                    seconds(t0)));
            t0 = System.nanoTime();
            SyntheticTableWriter.builder().partitions(partitions).seed(42).rowGroupBytes(rowGroupMb << 20)
                    .writeBigCheckpoint(dir.resolve("big"), 10, bigFiles);
            Path bigFile = dir.resolve("big/_delta_log/00000000000000000010.checkpoint.parquet");
            report.note(String.format(Locale.ROOT, "big checkpoint: %,d files, %s on disk, row groups of %d MB (generated in %.1f s)",
                    bigFiles, Report.mb(Files.size(bigFile)), rowGroupMb, seconds(t0)));

            Path logDir = dir.resolve("log/_delta_log");
            List<Path> commits = files(logDir, ".json");
            List<Path> checkpoints = files(logDir, ".checkpoint.parquet");
            LocalStorage storage = new LocalStorage();

            parseCommits(commits); // warm-up (JIT)
            parseCommits(commits);
            Best json = new Best();
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                long n = parseCommits(commits);
                json.add(n, seconds(start), cpuSeconds(cpu));
            }
            report.row("JSON commit parsing (read + ActionCodec.parse)", json, "actions", TARGET_JSON);

            readCheckpoints(storage, logDir, checkpoints); // warm-up (JIT)
            readCheckpoints(storage, logDir, checkpoints);
            Best small = new Best();
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                long n = readCheckpoints(storage, logDir, checkpoints);
                small.add(n, seconds(start), cpuSeconds(cpu));
            }
            report.row(String.format(Locale.ROOT, "checkpoint reading, the log's %d checkpoints", checkpoints.size()),
                    small, "rows", TARGET_CHECKPOINT);

            Path bigLog = dir.resolve("big/_delta_log");
            Best big = new Best();
            long gcBefore = gcMillis();
            long bigStart = System.nanoTime();
            long maxSampled;
            long poolPeaks;
            long afterGc;
            int gcs;
            try (HeapWatch watch = new HeapWatch()) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                long n = readCheckpoints(storage, bigLog, List.of(bigFile));
                big.add(n, seconds(start), cpuSeconds(cpu));
                maxSampled = watch.maxSampledBytes();
                poolPeaks = HeapWatch.poolPeakBytes();
                Thread.sleep(200); // let the last GC notification arrive
                afterGc = watch.maxAfterGcBytes();
                gcs = watch.collections();
            }
            for (int i = 1; i < rounds; i++) {
                long start = System.nanoTime();
                long cpu = cpuNanos();
                long n = readCheckpoints(storage, bigLog, List.of(bigFile));
                big.add(n, seconds(start), cpuSeconds(cpu));
            }
            report.row(String.format(Locale.ROOT, "checkpoint reading, %,d-file checkpoint", bigFiles), big, "rows",
                    TARGET_CHECKPOINT);
            report.note(String.format(Locale.ROOT, "GC pauses during the %d rounds over the big checkpoint: %.1f s of %.1f s",
                    rounds, (gcMillis() - gcBefore) / 1000.0, seconds(bigStart)));
            report.heap(bigFiles, maxSampled, poolPeaks, afterGc, gcs, HeapWatch.retainedBytes(), HeapWatch.maxHeapBytes());
            report.note(String.format(Locale.ROOT, "load average %.1f at end; checksum %d",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), sink));
        } finally {
            if (!keep) {
                deleteTree(dir);
            } else {
                report.note("kept " + dir);
            }
        }
        report.print(System.out);
    }

    private long parseCommits(List<Path> commits) throws IOException {
        long n = 0;
        for (Path c : commits) {
            try (BufferedReader in = Files.newBufferedReader(c, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    Action a = ActionCodec.parse(line);
                    sink += a.type().ordinal();
                    n++;
                }
            }
        }
        return n;
    }

    /** Opens (footer + exact count) and streams every checkpoint; returns the actions read. */
    private long readCheckpoints(LocalStorage storage, Path logDir, List<Path> checkpoints) throws IOException {
        long n = 0;
        for (Path p : checkpoints) {
            String name = p.getFileName().toString();
            long version = Long.parseLong(name.substring(0, 20));
            FileEntry f = new FileEntry(p.toString(), name, Files.size(p), Files.getLastModifiedTime(p).toMillis());
            CheckpointData data = CheckpointReader.open(storage, logDir.toString(),
                    new CheckpointFiles(version, CheckpointKind.CLASSIC, List.of(f)));
            try (CloseableIterator<Action> it = data.actions().open()) {
                while (it.hasNext()) {
                    Action a = it.next();
                    if (a instanceof AddFile add) {
                        sink += add.size();
                    }
                    n++;
                }
            }
            if (n == 0 || data.actionCount() <= 0) {
                throw new IllegalStateException("empty checkpoint " + p);
            }
        }
        return n;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)
                            && !p.getFileName().toString().startsWith("."))
                    .filter(p -> !suffix.equals(".json") || !p.getFileName().toString().contains("checkpoint"))
                    .sorted().toList();
        }
    }

    /** CPU time of the whole process (reader, GC and JIT threads): what the work costs, whatever else the machine runs. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double cpuSeconds(long startCpuNanos) {
        return (cpuNanos() - startCpuNanos) / 1e9;
    }

    private static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
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

    /** The best (fastest) and median of several timed rounds over the same work. */
    static final class Best {
        final List<double[]> runs = new ArrayList<>();

        /** One round: items, wall seconds, process CPU seconds. */
        void add(long items, double seconds, double cpuSeconds) {
            runs.add(new double[] {items, seconds, cpuSeconds});
        }

        /** Items per process CPU-second (median): the throughput of one fully available core. */
        double cpuRate() {
            double[] rates = runs.stream().mapToDouble(r -> r[0] / r[2]).sorted().toArray();
            return rates.length == 0 ? 0 : rates[rates.length / 2];
        }

        double bestRate() {
            return runs.stream().mapToDouble(r -> r[0] / r[1]).max().orElse(0);
        }

        double medianRate() {
            double[] rates = runs.stream().mapToDouble(r -> r[0] / r[1]).sorted().toArray();
            return rates.length == 0 ? 0 : rates[rates.length / 2];
        }

        long items() {
            return (long) runs.get(0)[0];
        }

        double bestSeconds() {
            return runs.stream().mapToDouble(r -> r[1]).min().orElse(0);
        }
    }

    /**
     * The hand-written parsing the benchmarks used before picocli; only the Connect benchmarks still use it
     * (they belong to another branch, which converts them).
     */
    static final class Args {
        private final List<String> args;

        Args(String[] args) {
            this.args = Arrays.asList(args);
        }

        String text(String name, String def) {
            int i = args.indexOf(name);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : def;
        }

        int intValue(String name, int def) {
            return Integer.parseInt(text(name, Integer.toString(def)).replace("_", ""));
        }

        long longValue(String name, long def) {
            return Long.parseLong(text(name, Long.toString(def)).replace("_", ""));
        }

        boolean flag(String name) {
            return args.contains(name);
        }
    }
}
