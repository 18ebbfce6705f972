package io.deltasql.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.bench.MeasuredProcess.Figures;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How honest {@code import --dry-run}'s estimates are (issue #12, point 2): for each table — shared
 * ones and synthetic logs of 100 to 100,000 versions and 1 to 10,000 lines per version — the dry run's
 * estimate (JSON), then the real import into a fresh database as users run it (whole process,
 * validation on), its wall time and the dl_* tables' {@code pg_total_relation_size}. Prints a
 * Markdown table of estimate/actual ratios with the load average before each import, and the
 * figures the constants of {@code io.deltasql.cli.importer.MeasuredCosts} are fitted to (versions,
 * actions, the estimate's parts). See {@code bench/run-dryrun.sh} and docs/performance.md.
 */
@Command(name = "DryRunCalibration", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Dry-run estimates against whole imports on the default PostgreSQL (PGHOST/PGPORT/PGUSER or 127.0.0.1:5432 postgres).")
public final class DryRunCalibration implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--launcher", paramLabel = "PATH", defaultValue = "bin/deltasql",
            description = "bin/deltasql (as users run it) or a deltasql.jar (default: ${DEFAULT-VALUE}).")
    String launcher;

    @Option(names = "--shared", paramLabel = "NAME", split = ",",
            defaultValue = "checkpoint,dv-partitioned-with-checkpoint,checkpoints-vacuumed,multi-part-checkpoint",
            description = "Shared tables, under --shared-dir (default: ${DEFAULT-VALUE}).")
    List<String> shared;

    @Option(names = "--shared-dir", paramLabel = "DIR", defaultValue = "../shared/delta-tables",
            description = "The shared tables (default: ${DEFAULT-VALUE}).")
    Path sharedDir;

    @Option(names = "--synthetic", paramLabel = "VERSIONSxLINES", split = ",",
            defaultValue = "100x1,100x100,100x10000,1000x25,10000x10,100000x1",
            description = "Synthetic commit logs, versions × lines per version (default: ${DEFAULT-VALUE}).")
    List<String> synthetic;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "bench/target/dryrun-data",
            description = "Generated tables, reused across runs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the Markdown table to FILE.")
    Path reportFile;

    private final PrintStream out = System.out;

    /** One table's estimate and its import. */
    private record Row(String table, long versions, long actions, JsonNode estimate, Figures run, long bytes) {
        double timeRatio() {
            return estimate.get("estimated_seconds").asDouble() / run.wall();
        }

        double sizeRatio() {
            return estimate.get("estimated_db_bytes").asDouble() / bytes;
        }
    }

    public static void main(String[] args) {
        System.exit(BenchCommands.execute(new DryRunCalibration(), args));
    }

    @Override
    public Integer call() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CliBuild build = new CliBuild("deltasql", launcher, "java");
        note(String.format(Locale.ROOT, "dry-run calibration, %s: %s, %d CPUs, load average %.2f at start", start,
                build.describe(), Runtime.getRuntime().availableProcessors(), MeasuredProcess.loadAverage()));
        // The launcher's first run after a build makes its class-data sharing archive: not a user's import.
        MeasuredProcess.run(build.command(List.of("--version"), null), build.environment(null), null);

        List<CliData.Table> tables = new ArrayList<>();
        for (String name : shared) {
            if (name.isBlank()) {
                continue; // --shared= : synthetic tables only
            }
            Path p = sharedDir.resolve(name).toAbsolutePath().normalize();
            tables.add(new CliData.Table(name, p, "shared table " + name, -1));
        }
        CliData data = new CliData(dataDir, this::note);
        for (String s : synthetic) {
            if (s.isBlank()) {
                continue;
            }
            String[] vl = s.toLowerCase(Locale.ROOT).split("x");
            tables.add(data.commitLog(Integer.parseInt(vl[0].replace("_", "")), Integer.parseInt(vl[1].replace("_", ""))));
        }
        Path outputs = Files.createDirectories(dataDir.resolve("out"));
        List<Row> rows = new ArrayList<>();
        for (CliData.Table t : tables) {
            try (WriterDatabase db = new WriterDatabase()) {
                String target = db.uri("delta", "t");
                Path json = outputs.resolve(t.name() + ".dry-run.json");
                Figures dry = MeasuredProcess.run(build.command(List.of("import", t.location(), target, "--dry-run",
                        "--format=json"), null), build.environment(null), json);
                if (!dry.ok()) {
                    throw new IllegalStateException("dry run of " + t.name() + " failed: " + dry.error());
                }
                JsonNode estimate = JSON.readTree(json.toFile());
                Figures run = MeasuredProcess.run(build.command(List.of("import", t.location(), target, "--progress=none"),
                        null), build.environment(null), null);
                if (!run.ok()) {
                    throw new IllegalStateException("import of " + t.name() + " failed: " + run.error());
                }
                long actions = 0;
                for (String f : List.of("add_actions", "remove_actions", "metadata_updates", "protocol_updates",
                        "txn_actions", "cdc_actions", "other_actions")) {
                    actions += estimate.get(f).asLong();
                }
                Row row = new Row(t.name(), estimate.get("versions").asLong(), actions, estimate, run, db.size("delta", "dl_"));
                rows.add(row);
                note(String.format(Locale.ROOT, "%s: %,d versions, %,d actions; estimate %.1f s %s, actual %.2f s (dry run %.2f s),"
                                + " load %.1f; size estimate %,d, actual %,d", t.name(), row.versions, row.actions,
                        estimate.get("estimated_seconds").asDouble(), estimate.get("estimated_seconds_parts"), run.wall(), dry.wall(),
                        run.loadBefore(), estimate.get("estimated_db_bytes").asLong(), row.bytes));
            }
        }
        note(String.format(Locale.ROOT, "load average %.2f at the end", MeasuredProcess.loadAverage()));
        List<String> table = markdown(rows);
        table.forEach(out::println);
        if (reportFile != null) {
            Files.write(reportFile, table);
        }
        return 0;
    }

    private static List<String> markdown(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("| table | versions | actions | estimated time | actual time | ratio | estimated size | actual size | ratio | load before |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            lines.add(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f s | %.2f s | %.2f | %s | %s | %.2f | %.1f |", r.table,
                    r.versions, r.actions, r.estimate.get("estimated_seconds").asDouble(), r.run.wall(), r.timeRatio(),
                    kib(r.estimate.get("estimated_db_bytes").asLong()), kib(r.bytes), r.sizeRatio(), r.run.loadBefore()));
        }
        return lines;
    }

    private static String kib(long bytes) {
        return bytes >= 10 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
    }

    private void note(String s) {
        System.err.println(s);
    }
}
