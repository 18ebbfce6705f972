package io.deltasql.cli.command;

import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.importer.TargetDatabase;
import io.deltasql.cli.output.Json;
import io.deltasql.cli.output.TextReports;
import io.deltasql.cli.report.TableInfo;
import io.deltasql.store.StoreTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deltasql info TARGET}: what PostgreSQL holds of an imported table, and where it came from. */
@Command(header = "Show an imported table: head, versions, files, schema, provenance.", name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Shows an imported table: head, versions, live files and size, schema, protocol, provenance, last import.",
        footer = {"%nExample:", "  deltasql info deltasql://postgres/lake/delta/events --format=json", ExitCodes.HELP})
public final class InfoCommand extends BaseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TARGET", description = "The imported table.")
    String target;

    @Option(names = "--table", paramLabel = "SCHEMA.NAME", description = "The table name, with a jdbc: target.")
    String table;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        StoreTarget pg = target(target, table, null);
        try (TargetDatabase db = TargetDatabase.openReadOnly(pg)) {
            TableInfo info = db.info(db.require(pg.table()));
            if (format == OutputFormat.JSON) {
                out().print(Json.pretty(info));
            } else {
                printText(info, pg);
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    private void printText(TableInfo i, StoreTarget pg) {
        out().printf("Table %s%n", pg.describe());
        out().printf("  table id: %s%n", i.tableId());
        out().printf("  source: %s%n", i.location());
        if (i.head() < 0) {
            // registered, but its import stopped before committing a version (or the sink has not yet)
            out().printf("  head: no version yet: run 'deltasql import' (or --resume the one that stopped)%n");
            printLastImport(i);
            return;
        }
        out().printf("  head: version %d%n", i.head());
        out().printf("  versions: %,d stored (%s to %s), %,d from commits, %,d checkpoint bases%n", i.versions(),
                i.firstVersion(), i.head(), i.commitVersions(), i.checkpointVersions());
        if (!i.missingRanges().isEmpty()) {
            out().printf("  not in the log (covered by a checkpoint): %s%n", TextReports.ranges(i.missingRanges()));
        }
        out().printf("  live files: %,d, %s (%,d bytes)%n", i.numFiles(), TextReports.bytes(i.totalSize()), i.totalSize());
        out().printf("  protocol: %s%n", i.protocol());
        out().printf("  schema: %s%n", i.schemaString());
        out().printf("  partition columns: %s%n", i.partitionColumns());
        printLastImport(i);
    }

    private void printLastImport(TableInfo i) {
        if (i.importStartedAt() == null) {
            out().printf("  last import: none recorded%n");
            return;
        }
        out().printf("  last import: %s, mode %s, started %s, finished %s, by %s%n",
                i.lastImportedVersion() == null ? "-" : "up to version " + i.lastImportedVersion(),
                i.mode(), i.importStartedAt(), i.importFinishedAt() == null ? "(not finished)" : i.importFinishedAt(),
                i.toolVersion());
    }
}
