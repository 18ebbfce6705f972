package io.deltasql.cli.command;

import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.importer.TargetDatabase;
import io.deltasql.cli.output.SnapshotJsonWriter;
import io.deltasql.cli.output.SnapshotDocument;
import io.deltasql.cli.output.Snapshots;
import io.deltasql.cli.output.TextReports;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.read.SnapshotStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deltasql snapshot TARGET}: the table's state at a version or time, read from the store
 * alone (no Delta log needed). JSON is exactly the shape of the shared oracle's expected files.
 */
@Command(header = "An imported table's state at a version or time, from the store alone.", name = "snapshot", sortOptions = false,
        description = {"Shows an imported table's state (protocol, schema, live files) at a version or time, read",
                "from the store (PostgreSQL or SQLite) alone. --format=json prints the oracle's snapshot shape."},
        footer = {"%nExamples:",
                "  deltasql snapshot deltasql://postgres/lake/delta/events",
                "  deltasql snapshot deltasql://postgres/lake/delta/events --version 12 --format=json",
                "  deltasql snapshot deltasql://postgres/lake/delta/events --timestamp 2024-05-01T12:00:00Z",
                ExitCodes.HELP})
public final class SnapshotCommand extends BaseCommand implements Callable<Integer> {

    @Mixin
    TableAtOptions at;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--max-files", paramLabel = "N", defaultValue = "20",
            description = "Text format: list at most N files (default: ${DEFAULT-VALUE}; JSON lists all).")
    int maxFiles;

    @Override
    public Integer call() {
        StoreTarget pg = target(this.at.target, this.at.table, null);
        try (TargetDatabase db = TargetDatabase.openReadOnly(pg)) {
            RegisteredTable t = db.require(pg.table());
            SnapshotStream.At at = SnapshotStream.At.head();
            if (this.at.epochMillis() != null) {
                at = SnapshotStream.At.time(this.at.epochMillis());
            } else if (this.at.version() != null) {
                at = SnapshotStream.At.version(this.at.version());
            }
            // Streamed from the store's cursor to stdout: no list of the files, whatever their number.
            if (format == OutputFormat.JSON) {
                SnapshotJsonWriter json = new SnapshotJsonWriter(out());
                db.streamSnapshot(t, at, -1, json);
                json.finish();
            } else {
                TextSnapshot text = new TextSnapshot(pg);
                db.streamSnapshot(t, at, maxFiles, text);
                text.finish();
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    /** The text form: the head, the first --max-files files, and how many more there are. */
    private final class TextSnapshot implements SnapshotStream {
        private final StoreTarget pg;
        private long numFiles;

        TextSnapshot(StoreTarget pg) {
            this.pg = pg;
        }

        @Override
        public void head(Head head) {
            SnapshotDocument d = Snapshots.headOf(head);
            numFiles = d.numFiles();
            out().printf("Snapshot of %s at version %d%n", pg.describe(), d.version());
            out().printf("  protocol: reader %s, writer %s%s%s%n", d.minReaderVersion(), d.minWriterVersion(),
                    d.readerFeatures().isEmpty() ? "" : ", reader features " + d.readerFeatures(),
                    d.writerFeatures().isEmpty() ? "" : ", writer features " + d.writerFeatures());
            out().printf("  schema: %s%n", d.schemaString());
            out().printf("  partition columns: %s%n", d.partitionColumns());
            out().printf("  configuration: %s%n", d.configuration());
            out().printf("  files: %,d, %s (%,d bytes)%n", d.numFiles(), TextReports.bytes(d.totalSize()), d.totalSize());
        }

        @Override
        public void file(String path, long size, String dvId) {
            out().printf("    %s  %,d bytes%s%n", path, size, dvId == null ? "" : "  dv " + dvId);
        }

        void finish() {
            if (maxFiles >= 0 && numFiles > maxFiles) {
                out().printf("    … and %,d more (--format=json lists all)%n", numFiles - maxFiles);
            }
        }
    }
}
