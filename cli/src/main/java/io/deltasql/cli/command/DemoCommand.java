package io.deltasql.cli.command;

import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.importer.ImportOptions;
import io.deltasql.cli.importer.ImportResult;
import io.deltasql.cli.importer.ImportRunner;
import io.deltasql.cli.output.TextReports;
import io.deltasql.cli.progress.ProgressMode;
import io.deltasql.cli.validation.ValidationPrinter;
import io.deltasql.log.DeltaLog;
import io.deltasql.log.synth.SyntheticTable;
import io.deltasql.log.synth.SyntheticTableWriter;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.PgTarget;
import io.deltasql.store.StoreErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deltasql demo}: the whole job in one command, with nothing to prepare but a PostgreSQL
 * server. Writes a realistic Delta log (many versions, checkpoints, removes, partitions, schema
 * changes, txns) to a temp dir with {@link SyntheticTableWriter}, imports it with the same runner as
 * {@code import}, and shows the progress and the validation report.
 */
@Command(header = "Write a sample Delta table and import it into the local PostgreSQL.", name = "demo",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a realistic sample Delta log (versions, checkpoints, removes, partitions) to a",
                "temporary directory and imports it into PostgreSQL (PG* environment variables; database",
                "deltasql_demo, created if missing), showing progress and the validation report."},
        footer = {"%nExamples:", "  deltasql demo", "  PGHOST=db.example.com PGUSER=me deltasql demo --versions 2000 --keep",
                ExitCodes.HELP})
public final class DemoCommand extends BaseCommand implements Callable<Integer> {

    @Option(names = "--database", paramLabel = "NAME", defaultValue = "deltasql_demo",
            description = "Database to import into; created if missing (default: ${DEFAULT-VALUE}).")
    String database;

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

            PgTarget target = target("deltasql://postgres/" + database + "/delta/demo_events", null, null);
            createDatabaseIfMissing(target);
            ImportResult result;
            try (DeltaLog log = DeltaLog.open(tableDir.toString())) {
                result = new ImportRunner(progressMode.reporter(err()), this::info)
                        .run(log, target, new ImportOptions(null, false, false, true, false));
                TextReports.importStats(result.stats(), log.location(), target.describe(), out());
            }
            out().println();
            ValidationPrinter.print(result.validation(), out());
            out().printf("%nNext: deltasql info %s%n      deltasql snapshot %s --version %d%n", uri(target), uri(target),
                    table.lastVersion() / 2);
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

    private static String uri(PgTarget t) {
        return "deltasql://postgres/" + t.database() + "/" + t.schema() + "/" + t.table();
    }

    /** The demo's database is created on first use, through the server's maintenance database. */
    private void createDatabaseIfMissing(PgTarget target) {
        PgTarget admin = new PgTarget(target.host(), target.port(), "postgres", target.user(), null, target.sslmode(),
                target.schema(), target.table());
        admin = passwordFrom(target, admin);
        try (Connection c = MetadataStore.open(admin);
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, target.database());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + target.database().replace("\"", "\"\"") + "\"");
            }
            info("created database " + target.database() + " on " + target.host() + ":" + target.port());
        } catch (SQLException e) {
            throw StoreErrors.wrap(admin, "creating the demo database " + target.database(), e);
        }
    }

    /** The same credentials for the maintenance database (PgTarget keeps the password private). */
    private PgTarget passwordFrom(PgTarget target, PgTarget admin) {
        if (!target.hasPassword()) {
            return admin;
        }
        return PgTarget.parse("deltasql://postgres/postgres/" + target.schema() + "/" + target.table()
                + "?host=" + target.host() + "&port=" + target.port() + "&user=" + target.user(), env());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
