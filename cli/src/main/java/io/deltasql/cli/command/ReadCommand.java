package io.deltasql.cli.command;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.output.RowFormat;
import io.deltasql.cli.output.RowWriter;
import io.deltasql.reader.DeltaSqlTable;
import io.deltasql.reader.DeltaSqlTables;
import io.deltasql.reader.RowValues;
import io.deltasql.reader.TableSnapshot;
import io.deltasql.store.StoreTarget;
import io.delta.kernel.data.Row;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code deltasql read TARGET}: an imported table's rows at a version or time — Delta Kernel reads
 * the data files from the table's storage, its log from the store (never {@code _delta_log}).
 */
@Command(header = "An imported table's rows, read through deltasql (Delta Kernel, the log from the store).", name = "read",
        sortOptions = false,
        description = {"Prints an imported table's rows at a version or time. The log comes from the store, the data",
                "files from the table's storage (the location it was imported from), read by Delta Kernel:",
                "deletion vectors, partition values, column mapping and type widening applied."},
        footer = {"%nExamples:",
                "  deltasql read deltasql://postgres/lake/delta/events --limit 20",
                "  deltasql read deltasql://postgres/lake/delta/events --version 12 --columns id,ts --format csv",
                "  deltasql read deltasql://sqlite/lake.db/events --timestamp 2024-05-01T12:00:00Z --count",
                ExitCodes.HELP})
public final class ReadCommand extends BaseCommand implements Callable<Integer> {

    @Mixin
    TableAtOptions at;

    @Option(names = "--columns", paramLabel = "a,b", split = ",", description = "Only these columns, in this order (default: all).")
    List<String> columns = List.of();

    @Option(names = "--limit", paramLabel = "N", description = "At most N rows.")
    Long limit;

    @Option(names = "--format", paramLabel = "table|csv|jsonl", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    RowFormat format;

    @Option(names = "--count", description = "Print only the number of rows.")
    boolean count;

    @Mixin
    StorageOptions storageOptions;

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw new CliException(ExitCodes.USAGE, "--limit " + limit + ": expected 0 or more rows");
        }
        StoreTarget t = target(at.target, at.table, null);
        try (DeltaSqlTable opened = DeltaSqlTables.open(t, storageOptions.settings(env()))) {
            TableSnapshot snapshot = snapshot(opened);
            if (count) {
                out().println(snapshot.count());
                out().flush();
                return ExitCodes.OK;
            }
            print(snapshot);
            return ExitCodes.OK;
        }
    }

    private TableSnapshot snapshot(DeltaSqlTable opened) {
        if (at.epochMillis() != null) {
            return opened.atTimestamp(at.epochMillis());
        }
        if (at.version() != null) {
            return opened.at(at.version());
        }
        return opened.latest();
    }

    private void print(TableSnapshot snapshot) {
        CloseableIterator<Row> rows;
        try {
            rows = snapshot.rows(columns);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--columns: " + e.getMessage());
        }
        RowWriter writer = RowWriter.of(format, out());
        writer.header(columns.isEmpty() ? snapshot.schema().fieldNames() : columns);
        long printed = 0;
        try (rows) {
            while ((limit == null || printed < limit) && rows.hasNext()) {
                writer.row(RowValues.of(rows.next()));
                printed++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writer.end();
    }
}
