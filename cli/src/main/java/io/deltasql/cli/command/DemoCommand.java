package io.deltasql.cli.command;

import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.importer.ImportOptions;
import io.deltasql.cli.importer.ImportResult;
import io.deltasql.cli.importer.ImportRunner;
import io.deltasql.cli.output.TextReports;
import io.deltasql.cli.progress.ProgressMode;
import io.deltasql.cli.validation.ValidationPrinter;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.storage.LogStorages;
import io.deltasql.store.SqliteTarget;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.Stores;
import io.deltasql.synth.SyntheticTable;
import io.deltasql.synth.SyntheticTableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deltasql demo}: the whole job in one command, with nothing to prepare: by default the
 * store is an embedded SQLite file in the working directory (no server, no Docker); {@code --target}
 * names a PostgreSQL database instead. Writes a realistic Delta log (many versions, checkpoints,
 * removes, partitions, schema changes, txns) to a temp dir with {@link SyntheticTableWriter}, imports
 * it with the same runner as {@code import}, and shows the progress and the validation report.
 */
@Command(header = "Write a sample Delta table and import it (into a SQLite file, or --target PostgreSQL).", name = "demo",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a realistic sample Delta log (versions, checkpoints, removes, partitions) to a",
                "temporary directory and imports it, showing progress and the validation report. The store is the",
                "SQLite file " + DemoCommand.DEFAULT_FILE + " in the working directory (created if missing) unless --target",
                "names another, e.g. PostgreSQL (PG* environment variables; the database is created if missing)."},
        footer = {"%nExamples:", "  deltasql demo",
                "  deltasql demo --target deltasql://postgres/deltasql_demo/delta/demo_events",
                "  PGHOST=db.example.com PGUSER=me deltasql demo --target deltasql://postgres/deltasql_demo/delta/demo_events --versions 2000 --keep",
                ExitCodes.HELP})
public final class DemoCommand extends BaseCommand implements Callable<Integer> {
    static final String DEFAULT_FILE = "deltasql-demo.db";
    static final String DEFAULT_TARGET = "deltasql://sqlite/" + DEFAULT_FILE + "/demo_events";

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = DEFAULT_TARGET,
            description = "Where to import: a SQLite file or a PostgreSQL database, as for 'import' (default: ${DEFAULT-VALUE}).")
    String targetUri;

    @Option(names = "--versions", paramLabel = "N", defaultValue = "300", description = "Versions to write (default: ${DEFAULT-VALUE}).")
    int versions;

    @Option(names = "--actions-per-version", paramLabel = "N", defaultValue = "25",
            description = "Actions per version (default: ${DEFAULT-VALUE}).")
    int actionsPerVersion;

    @Option(names = "--checkpoint-interval", paramLabel = "N", defaultValue = "50",
            description = "A checkpoint every N versions (default: ${DEFAULT-VALUE}).")
    int checkpointInterval;

    @Option(names = "--keep", description = "Keep the sample table's directory (printed) instead of deleting it.")
    boolean keep;

    @Option(names = "--progress", paramLabel = "auto|bar|plain|none", defaultValue = "auto",
            description = "Progress display on stderr (default: ${DEFAULT-VALUE}).")
    ProgressMode progressMode;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("deltasql-demo-");
        try {
            Path tableDir = dir.resolve("events");
            info("writing a sample Delta table (" + versions + " versions, " + actionsPerVersion
                    + " actions each, a checkpoint every " + checkpointInterval + ") to " + tableDir);
            SyntheticTable table = SyntheticTableWriter.builder().versions(versions).actionsPerVersion(actionsPerVersion)
                    .checkpointInterval(checkpointInterval).partitions(8).seed(42).write(tableDir);
            info(String.format("wrote versions 0 to %d, %,d actions, %d checkpoints, %,d live files",
                    table.lastVersion(), table.actionsWritten(), table.checkpointVersions().size(), table.liveFiles()));

            StoreTarget target = target(targetUri, null, "demo_events");
            String created = Stores.createDatabaseIfMissing(target);
            if (created != null) {
                info(created);
            }
            info("importing into " + target.describe());
            ImportResult result;
            try (DeltaLog log = LogStorages.openLog(tableDir.toString())) {
                result = new ImportRunner(progressMode.reporter(err()), this::info)
                        .run(log, target, new ImportOptions(null, false, false, true, false));
                TextReports.importStats(result.stats(), log.location(), target.describe(), out());
            }
            out().println();
            ValidationPrinter.print(result.validation(), out());
            out().printf("%nThe imported table is in %s%n", target.describe());
            out().printf("Next: deltasql info %s%n      deltasql snapshot %s --version %d%n", target.uri(), target.uri(),
                    table.lastVersion() / 2);
            if (target instanceof SqliteTarget) {
                out().printf("      PostgreSQL: deltasql demo --target deltasql://postgres/deltasql_demo/delta/demo_events%n");
            }
            if (keep) {
                out().printf("      the sample table stays in %s%n", tableDir);
            }
            out().flush();
            return result.validation().passed() ? ExitCodes.OK : ExitCodes.VALIDATION_FAILED;
        } finally {
            if (!keep) {
                deleteRecursively(dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
