package io.deltasql.bench;

import io.deltasql.bench.MeasuredProcess.Figures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command against its physical limits, as users run it (issue #18): every figure is a WHOLE
 * process — {@code bin/deltasql} or {@code java -jar deltasql.jar} — on the machine's default
 * PostgreSQL, with wall time, CPU time, peak RSS and the load average beside it, next to its
 * reference measured in the same run: {@code psql \copy} of the same rows from a file into one plain
 * unindexed table for imports, a Delta Kernel 4.4.0 program reading {@code _delta_log} for snapshots
 * ({@code bench/kernel}, whose output must equal deltasql's byte for byte), and a bare JVM loading
 * the Kernel jar for start-up. Several builds (before / after) run the same rows in turn, so one run
 * gives both columns. See {@code bench/run-cli.sh} and docs/performance.md.
 */
@Command(name = "CliBenchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Whole deltasql processes against psql \\copy, Delta Kernel and a bare JVM, on the default PostgreSQL "
                + "(PGHOST/PGPORT/PGUSER or 127.0.0.1:5432 postgres).", "Rows: " + CliBenchmark.ROW_NAMES})
public final class CliBenchmark implements Callable<Integer> {
    static final String ROW_NAMES = "import-10k, import-100k, checkpoint-1m, checkpoint-200k, snapshot-15, snapshot-v600, "
            + "snapshot-200k, snapshot-1m, version, help, validate-15, dry-run-100k";
    private static final List<String> ROWS = List.of(ROW_NAMES.split(", "));
    private static final String KERNEL_MAIN = "io.deltasql.bench.kernel.KernelSnapshot";

    @Spec
    CommandSpec spec;

    @Option(names = "--build", paramLabel = "NAME=LAUNCHER", required = true,
            description = {"A build to measure: NAME=path/to/bin/deltasql (its launcher, as users run it) or "
                    + "NAME=path/to/deltasql.jar (java -jar). Repeat it (e.g. before=…, after=…): every row runs every build in turn."})
    Map<String, String> builds = new LinkedHashMap<>();

    @Option(names = "--kernel-classpath", paramLabel = "CLASSPATH", required = true,
            description = "The classpath of the Kernel reference (bench/kernel's classes and Kernel's jars; bench/run-cli.sh builds it).")
    String kernelClasspath;

    @Option(names = "--rows", paramLabel = "ROW", split = ",", description = "Rows to run (default: all, in this order: " + ROW_NAMES + ").")
    List<String> rows = new ArrayList<>(ROWS);

    @Option(names = "--versions", paramLabel = "N", defaultValue = "10000", description = "Versions of the first import (default: ${DEFAULT-VALUE}).")
    int versions;

    @Option(names = "--big-versions", paramLabel = "N", defaultValue = "100000",
            description = "Versions of the second import and of the dry run (default: ${DEFAULT-VALUE}).")
    int bigVersions;

    @Option(names = "--lines", paramLabel = "N", defaultValue = "27",
            description = "Commit lines per version of both imports: commitInfo + ~20 adds + ~5 removes (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--checkpoint-files", paramLabel = "N", defaultValue = "1000000",
            description = "Files of the checkpoint-base table (default: ${DEFAULT-VALUE}).")
    long checkpointFiles;

    @Option(names = "--history-files", paramLabel = "N", defaultValue = "200000",
            description = "Live files at the checkpoint of the --checkpoint-only table (default: ${DEFAULT-VALUE}).")
    long historyFiles;

    @Option(names = "--many-versions", paramLabel = "N", defaultValue = "1000",
            description = "Versions of the many-versions table (default: ${DEFAULT-VALUE}).")
    int manyVersions;

    @Option(names = "--many-versions-at", paramLabel = "V", defaultValue = "600",
            description = "The version its snapshot is read at (default: ${DEFAULT-VALUE}).")
    long manyVersionsAt;

    @Option(names = "--small-table", paramLabel = "DIR", defaultValue = "../shared/delta-tables/checkpoint",
            description = "A real 15-version table (default: ${DEFAULT-VALUE}).")
    Path smallTable;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "256m",
            description = "-Xmx of the checkpoint-base import and the biggest snapshot, for deltasql and Kernel alike (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "5",
            description = "Runs of each short process (version, small snapshots); the median is reported (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--import-option", paramLabel = "OPTION",
            description = "An extra option for every timed import, e.g. --import-option=--skip-validation (default: none: the import as users run it).")
    List<String> importOptions = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "bench/target/cli-data",
            description = "Generated tables and row files, reused across runs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the Markdown report to FILE.")
    Path reportFile;

    @Option(names = "--java", paramLabel = "JAVA", defaultValue = "java",
            description = "The java of jar builds and of the Kernel reference (default: ${DEFAULT-VALUE}).")
    String java;

    private final PrintStream out = System.out;
    private final Map<String, RowResult> results = new HashMap<>();
    private final Map<String, Figures> bigImports = new HashMap<>();
    private final Map<String, Figures> dryRuns = new HashMap<>();
    private CliData data;
    private Path outputs;
    private CliReport report;
    private int rawTables;

    /** One line of the report: the reference's cell and one cell per build. */
    private record RowResult(String what, String reference, List<String> cells, String goal) {
    }

    public static void main(String[] args) {
        System.exit(BenchCommands.execute(new CliBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        for (String r : rows) {
            if (!ROWS.contains(r)) {
                throw new ParameterException(spec.commandLine(), "unknown row '" + r + "': the rows are " + ROW_NAMES);
            }
        }
        if (!Files.isExecutable(MeasuredProcess.GNU_TIME)) {
            throw new IllegalStateException(MeasuredProcess.GNU_TIME + " (GNU time) is missing: install the Debian package 'time'");
        }
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        data = new CliData(dataDir, this::note);
        outputs = Files.createDirectories(dataDir.resolve("out"));
        List<CliBuild> buildList = new ArrayList<>();
        builds.forEach((name, launcher) -> buildList.add(new CliBuild(name, launcher, java)));
        report = new CliReport(buildList.stream().map(CliBuild::name).toList());
        note(String.format(Locale.ROOT, "deltasql CLI benchmark, %s: Java %s, %d CPUs, load average %.2f at start", start,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), MeasuredProcess.loadAverage()));
        for (CliBuild b : buildList) {
            note("build " + b.name() + ": " + b.describe());
        }
        note("Kernel reference: " + KERNEL_MAIN + " (Delta Kernel 4.4.0, bench/kernel), `" + java + "` with default flags");

        try (WriterDatabase raw = new WriterDatabase(); CliTargets targets = new CliTargets(this::setupImport)) {
            note("PostgreSQL: " + serverSettings(raw));
            warmUp(buildList);
            for (String row : ROWS) {
                if (rows.contains(row)) {
                    run(row, buildList, raw, targets);
                }
            }
        }
        for (String row : ROWS) {
            RowResult r = results.get(row);
            if (r != null) {
                report.row(r.what(), r.reference(), r.cells(), r.goal());
            }
        }
        note(String.format(Locale.ROOT, "load average %.2f at the end; every figure is one whole process (median of %d for "
                + "the short ones), load = the 1-minute load average just before it started", MeasuredProcess.loadAverage(), repeat));
        report.print(out);
        if (reportFile != null) {
            try (PrintStream file = new PrintStream(Files.newOutputStream(reportFile), true, "UTF-8")) {
                report.print(file);
            }
        }
        return results.values().stream().allMatch(r -> r.cells().stream().noneMatch(c -> c.contains("**failed**"))) ? 0 : 1;
    }

    private void run(String row, List<CliBuild> builds, WriterDatabase raw, CliTargets targets) throws Exception {
        switch (row) {
            case "import-10k" -> importRow(row, data.commitLog(versions, lines), false, null, builds, raw, targets, false);
            case "import-100k" -> importRow(row, data.commitLog(bigVersions, lines), false, null, builds, raw, targets,
                    rows.contains("dry-run-100k"));
            case "checkpoint-1m" -> importRow(row, data.bigCheckpoint(checkpointFiles), false, heap, builds, raw, targets, false);
            case "checkpoint-200k" -> importRow(row, data.checkpointAfterHistory(historyFiles), true, null, builds, raw, targets, false);
            case "snapshot-15" -> snapshotRow(row, new CliData.Table(smallTable.getFileName().toString(), smallTable,
                    "shared table " + smallTable.getFileName(), -1), false, null, null, repeat, builds, targets);
            case "snapshot-v600" -> snapshotRow(row, data.manyVersions(manyVersions), false, manyVersionsAt, null, repeat, builds, targets);
            case "snapshot-200k" -> snapshotRow(row, data.checkpointAfterHistory(historyFiles), true, null, null, 1, builds, targets);
            case "snapshot-1m" -> snapshotRow(row, data.bigCheckpoint(checkpointFiles), false, null, heap, 1, builds, targets);
            case "version" -> versionRow(builds);
            case "help" -> startUpRow("help", "`deltasql --help`", List.of("--help"), builds);
            case "validate-15" -> startUpRow("validate-15", "`deltasql validate` of the " + smallTable.getFileName()
                    + " table (no database)", List.of("validate", smallTable.toString()), builds);
            case "dry-run-100k" -> dryRunRow(data.commitLog(bigVersions, lines), builds, raw, targets);
            default -> throw new IllegalArgumentException(row);
        }
    }

    // ---- rows

    /** An import of {@code table} by every build into a fresh database, against psql \copy of the same rows. */
    private void importRow(String row, CliData.Table table, boolean checkpointOnly, String heapLimit, List<CliBuild> builds,
                           WriterDatabase raw, CliTargets targets, boolean withDryRun) throws Exception {
        CliData.CopyFile rowsFile = data.copyFile(table, checkpointOnly);
        String what = String.format(Locale.ROOT, "import%s, %s (%,d actions in %,d version%s)%s%s",
                checkpointOnly ? " --checkpoint-only" : "", table.description(), rowsFile.rows(), rowsFile.versions(),
                rowsFile.versions() == 1 ? "" : "s",
                table.liveFiles() > 0 ? String.format(Locale.ROOT, ", %,d live files", table.liveFiles()) : "",
                heapLimit == null ? "" : ", -Xmx" + heapLimit);
        Figures ref = rawCopy(raw, rowsFile);
        log(row, "psql \\copy", ref);
        List<String> cells = new ArrayList<>();
        for (CliBuild b : builds) {
            WriterDatabase db = targets.fresh(b, table, checkpointOnly);
            if (withDryRun) {
                // Into the import's own (empty) database: a dry run checks that the target exists, as the import would.
                Figures dry = measure(b, List.of("import", table.location(), db.uri("delta", "bench"), "--dry-run"), null, null);
                log("dry-run-100k", b.name(), dry);
                dryRuns.put(b.name(), dry);
            }
            checkpoint(raw);
            Figures f = measure(b, importArgs(table, db, checkpointOnly, importOptions), heapLimit, null);
            log(row, b.name(), f);
            if (withDryRun) {
                bigImports.put(b.name(), f);
            }
            cells.add(f.describe() + ratio(f, ref.ok() ? ref.wall() / f.wall() : Double.NaN, "%.2f"));
            if (row.startsWith("import")) {
                targets.drop(b, table, checkpointOnly); // nothing reads these again; free the disk for the next rows
            }
        }
        results.put(row, new RowResult(what, String.format(Locale.ROOT, "`psql \\copy` of the same %,d rows: %s", rowsFile.rows(),
                ref.describe()), cells, "≥ 0.6 (the ratio: \\copy's wall / deltasql's)" + (heapLimit == null ? "" : ", < 30 s")));
    }

    /** {@code deltasql snapshot --format=json} of an imported table against Kernel reading its _delta_log; outputs compared. */
    private void snapshotRow(String row, CliData.Table table, boolean importedCheckpointOnly, Long version, String heapLimit, int runs,
                             List<CliBuild> builds, CliTargets targets) throws Exception {
        String what = String.format(Locale.ROOT, "`snapshot`%s of %s%s%s", version == null ? "" : " @v" + version, table.description(),
                table.liveFiles() > 0 ? String.format(Locale.ROOT, " (%,d live files)", table.liveFiles()) : "",
                heapLimit == null ? "" : ", -Xmx" + heapLimit);
        List<String> kernelArgs = new ArrayList<>(List.of(table.location()));
        if (version != null) {
            kernelArgs.add(Long.toString(version));
        }
        Path kernelOut = outputs.resolve(row + "-kernel.json");
        List<Run> runsOf = new ArrayList<>();
        runsOf.add(() -> MeasuredProcess.run(kernel(heapLimit, kernelArgs), Map.of(), kernelOut));
        for (CliBuild b : builds) {
            WriterDatabase db = targets.imported(b, table, importedCheckpointOnly);
            List<String> args = new ArrayList<>(List.of("snapshot", db.uri("delta", "bench"), "--format=json"));
            if (version != null) {
                args.addAll(List.of("--version", Long.toString(version)));
            }
            runsOf.add(() -> measure(b, args, heapLimit, outputs.resolve(row + "-" + b.name() + ".json")));
        }
        List<Figures> medians = interleaved(runs, runsOf);
        Figures ref = medians.get(0);
        log(row, "Kernel", ref);
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < builds.size(); i++) {
            Figures f = medians.get(i + 1);
            log(row, builds.get(i).name(), f);
            Path buildOut = outputs.resolve(row + "-" + builds.get(i).name() + ".json");
            String same = f.ok() && ref.ok() ? "; " + SameBytes.compare(buildOut, kernelOut, "Kernel's") : "";
            cells.add(f.describe() + speedUp(f, ref) + same);
        }
        results.put(row, new RowResult(what, "Delta Kernel 4.4.0 reading `_delta_log`: " + ref.describe(), cells,
                version == null && table.liveFiles() <= 0 ? "≥ 10× faster, < 0.5 s" : heapLimit != null ? "works in " + heapLimit
                        : version != null ? "≥ 10× faster" : "≥ 5× faster"));
    }

    /** {@code deltasql --version} against a bare JVM that loads a class from the Kernel jar, and a bare JVM alone. */
    private void versionRow(List<CliBuild> builds) throws Exception {
        List<Run> runsOf = new ArrayList<>();
        runsOf.add(() -> MeasuredProcess.run(kernel(null, List.of("--version")), Map.of(), null));
        runsOf.add(() -> MeasuredProcess.run(List.of(java, "-version"), Map.of(), null));
        for (CliBuild b : builds) {
            runsOf.add(() -> measure(b, List.of("--version"), null, null));
        }
        List<Figures> medians = interleaved(repeat, runsOf);
        log("version", "Kernel --version", medians.get(0));
        log("version", "java -version", medians.get(1));
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < builds.size(); i++) {
            log("version", builds.get(i).name(), medians.get(i + 2));
            cells.add(medians.get(i + 2).describe());
        }
        results.put("version", new RowResult("`deltasql --version`", "a bare JVM + the Kernel jar printing Kernel's version: "
                + medians.get(0).describe() + "; `java -version`: " + medians.get(1).describe(), cells, "< 0.3 s"));
    }

    /** A short command whose time is mostly start-up; no reference beyond the version row's. */
    private void startUpRow(String row, String what, List<String> args, List<CliBuild> builds) throws Exception {
        List<Run> runsOf = new ArrayList<>();
        for (CliBuild b : builds) {
            runsOf.add(() -> measure(b, args, null, null));
        }
        List<Figures> medians = interleaved(repeat, runsOf);
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < builds.size(); i++) {
            log(row, builds.get(i).name(), medians.get(i));
            cells.add(medians.get(i).describe());
        }
        results.put(row, new RowResult(what, "(see `--version`)", cells, "— (not in the issue)"));
    }

    /** The dry run of the big log, measured before each build's import of it; the import is its reference. */
    private void dryRunRow(CliData.Table table, List<CliBuild> builds, WriterDatabase raw, CliTargets targets) throws Exception {
        if (!rows.contains("import-100k")) {
            // The reference is the import itself: run that row (timed, reported) when it was not asked for.
            rows.add("import-100k");
            importRow("import-100k", table, false, null, builds, raw, targets, true);
        }
        List<String> cells = new ArrayList<>();
        for (CliBuild b : builds) {
            Figures dry = dryRuns.get(b.name());
            Figures imp = bigImports.get(b.name());
            cells.add(dry.describe() + (dry.ok() && imp != null && imp.ok()
                    ? String.format(Locale.ROOT, " → **%.2f** of the import (%s)", dry.wall() / imp.wall(), Figures.seconds(imp.wall()))
                    : ""));
        }
        results.put("dry-run-100k", new RowResult("`import --dry-run` of the " + table.description() + " log",
                "the import itself (row `import` of the same log, same build)", cells, "≤ 0.1 of the import, flat memory"));
    }

    // ---- processes

    private interface Run {
        Figures run() throws Exception;
    }

    /**
     * {@code rounds} rounds in which every run runs once, in turn: each sees the same drift of the
     * machine's load, which a block of runs per build would not. The median of each.
     */
    private static List<Figures> interleaved(int rounds, List<Run> runs) throws Exception {
        List<List<Figures>> all = new ArrayList<>();
        runs.forEach(r -> all.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < runs.size(); i++) {
                all.get(i).add(runs.get(i).run());
            }
        }
        return all.stream().map(Figures::median).toList();
    }

    private Figures measure(CliBuild b, List<String> args, String heapLimit, Path stdout) throws IOException, InterruptedException {
        return MeasuredProcess.run(b.command(args, heapLimit), b.environment(heapLimit), stdout);
    }

    private List<String> kernel(String heapLimit, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(java));
        if (heapLimit != null) {
            cmd.add("-Xmx" + heapLimit);
        }
        cmd.addAll(List.of("-cp", kernelClasspath, KERNEL_MAIN));
        cmd.addAll(args);
        return cmd;
    }

    private static List<String> importArgs(CliData.Table table, WriterDatabase db, boolean checkpointOnly, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("import", table.location(), db.uri("delta", "bench"), "--progress", "none"));
        if (checkpointOnly) {
            args.add("--checkpoint-only");
        }
        args.addAll(extra);
        return args;
    }

    /** The untimed import a snapshot row reads when no import row made it. */
    private void setupImport(CliBuild b, CliData.Table t, boolean checkpointOnly, WriterDatabase db) throws Exception {
        Figures f = measure(b, importArgs(t, db, checkpointOnly, List.of("--skip-validation")), null, null);
        log("setup", b.name() + " imports " + t.name(), f);
        if (!f.ok()) {
            throw new IllegalStateException("build " + b.name() + " could not import " + t.location() + ": " + f.error());
        }
    }

    /** The limit: psql \copy of the row file into a new plain table (created before and dropped after, untimed). */
    private Figures rawCopy(WriterDatabase raw, CliData.CopyFile rowsFile) throws Exception {
        String table = "raw_" + (++rawTables);
        raw.execute(RawCopyRows.createTable(table));
        checkpoint(raw);
        Figures f = MeasuredProcess.run(raw.psql("\\copy " + table + " FROM '" + rowsFile.file().toAbsolutePath() + "'"), Map.of(), null);
        raw.execute("DROP TABLE " + table);
        return f;
    }

    /** A server checkpoint before each write, so no measurement pays for the previous one's dirty pages. */
    private static void checkpoint(WriterDatabase db) throws SQLException {
        db.execute("CHECKPOINT");
    }

    /** One untimed run of everything measured later: the page cache holds the jars, launchers build what they build on first use. */
    private void warmUp(List<CliBuild> builds) throws Exception {
        for (CliBuild b : builds) {
            Figures f = measure(b, List.of("--version"), null, null);
            if (!f.ok()) {
                throw new IllegalStateException("build " + b.name() + " does not run: " + f.error());
            }
        }
        Figures k = MeasuredProcess.run(kernel(null, List.of("--version")), Map.of(), null);
        if (!k.ok()) {
            throw new IllegalStateException("the Kernel reference does not run (--kernel-classpath?): " + k.error());
        }
    }

    // ---- report

    private static String ratio(Figures f, double value, String format) {
        return f.ok() && !Double.isNaN(value) ? " → **" + String.format(Locale.ROOT, format, value) + "**" : "";
    }

    private static String speedUp(Figures f, Figures kernel) {
        if (!f.ok() || !kernel.ok()) {
            return "";
        }
        double x = kernel.wall() / f.wall();
        return String.format(Locale.ROOT, " → **%.1f×** %s", x, x >= 1 ? "faster" : "(slower)");
    }

    private void log(String row, String who, Figures f) {
        out.printf(Locale.ROOT, "  [%s] %s: %s (load %.1f → %.1f)%n", row, who, f.describe(), f.loadBefore(), f.loadAfter());
    }

    private void note(String text) {
        report.note(text);
        out.println("  " + text);
    }

    private static String serverSettings(WriterDatabase db) throws SQLException {
        StringBuilder s = new StringBuilder();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), current_setting('shared_buffers'), "
                    + "current_setting('max_wal_size'), current_setting('synchronous_commit'), current_setting('autovacuum')")) {
                rs.next();
                s.append(rs.getString(1)).append(" at ").append(db.describe()).append(", shared_buffers ").append(rs.getString(2))
                        .append(", max_wal_size ").append(rs.getString(3)).append(", synchronous_commit ").append(rs.getString(4))
                        .append(", autovacuum ").append(rs.getString(5));
            }
        }
        return s.toString();
    }
}
