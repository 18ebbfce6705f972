package io.deltasql.cli.command;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.importer.TargetDatabase;
import io.deltasql.cli.output.Json;
import io.deltasql.cli.output.SnapshotDocument;
import io.deltasql.cli.output.Snapshots;
import io.deltasql.cli.output.TextReports;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.read.SqlSnapshot;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deltasql snapshot TARGET}: the table's state at a version or time, read from PostgreSQL
 * alone (no Delta log needed). JSON is exactly the shape of the shared oracle's expected files.
 */
@Command(header = "An imported table's state at a version or time, from SQL alone.", name = "snapshot", sortOptions = false,
        description = {"Shows an imported table's state (protocol, schema, live files) at a version or time,",
                "read from PostgreSQL alone. --format=json prints the oracle's snapshot shape."},
        footer = {"%nExamples:",
                "  deltasql snapshot deltasql://postgres/lake/delta/events",
                "  deltasql snapshot deltasql://postgres/lake/delta/events --version 12 --format=json",
                "  deltasql snapshot deltasql://postgres/lake/delta/events --timestamp 2024-05-01T12:00:00Z",
                ExitCodes.HELP})
public final class SnapshotCommand extends BaseCommand implements Callable<Integer> {

    // No mixinStandardHelpOptions: its -V/--version would clash with --version N.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The imported table (see 'deltasql --help' for the forms).")
    String target;

    @Option(names = "--table", paramLabel = "SCHEMA.NAME", description = "The table name, with a jdbc: target.")
    String table;

    @ArgGroup(exclusive = true)
    When when;

    static final class When {
        @Option(names = "--version", paramLabel = "N", description = "The state after version N (default: the head).")
        Long version;

        @Option(names = "--timestamp", paramLabel = "T",
                description = "The state at time T: ISO-8601 (2024-05-01T12:00:00Z) or epoch milliseconds; the latest version committed at or before T.")
        String timestamp;
    }

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--max-files", paramLabel = "N", defaultValue = "20",
            description = "Text format: list at most N files (default: ${DEFAULT-VALUE}; JSON lists all).")
    int maxFiles;

    @Override
    public Integer call() {
        PgTarget pg = target(target, table, null);
        try (TargetDatabase db = TargetDatabase.connect(pg)) {
            RegisteredTable t = db.require(pg.table());
            SqlSnapshot snapshot;
            if (when != null && when.timestamp != null) {
                snapshot = db.sqlSnapshotAtTimestamp(t, epochMillis(when.timestamp));
            } else if (when != null && when.version != null) {
                snapshot = db.sqlSnapshot(t, when.version);
            } else {
                snapshot = db.store().queries().latest(t);
            }
            SnapshotDocument doc = Snapshots.of(snapshot);
            if (format == OutputFormat.JSON) {
                out().print(Json.pretty(doc));
            } else {
                printText(doc, pg);
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    private void printText(SnapshotDocument d, PgTarget pg) {
        out().printf("Snapshot of %s at version %d%n", pg.describe(), d.version());
        out().printf("  protocol: reader %s, writer %s%s%s%n", d.minReaderVersion(), d.minWriterVersion(),
                d.readerFeatures().isEmpty() ? "" : ", reader features " + d.readerFeatures(),
                d.writerFeatures().isEmpty() ? "" : ", writer features " + d.writerFeatures());
        out().printf("  schema: %s%n", d.schemaString());
        out().printf("  partition columns: %s%n", d.partitionColumns());
        out().printf("  configuration: %s%n", d.configuration());
        out().printf("  files: %,d, %s (%,d bytes)%n", d.numFiles(), TextReports.bytes(d.totalSize()), d.totalSize());
        int shown = 0;
        for (SnapshotDocument.File f : d.files()) {
            if (shown++ == maxFiles) {
                out().printf("    … and %,d more (--format=json lists all)%n", d.files().size() - maxFiles);
                break;
            }
            out().printf("    %s  %,d bytes%s%n", f.path(), f.size(),
                    f.deletionVectorUniqueId() == null ? "" : "  dv " + f.deletionVectorUniqueId());
        }
    }

    static long epochMillis(String value) {
        if (value.matches("-?\\d+")) {
            return Long.parseLong(value);
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCodes.USAGE, "--timestamp '" + value
                    + "': expected ISO-8601 like 2024-05-01T12:00:00Z, or epoch milliseconds");
        }
    }
}
