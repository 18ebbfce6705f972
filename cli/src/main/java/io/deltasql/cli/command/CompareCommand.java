package io.deltasql.cli.command;

import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.importer.TargetDatabase;
import io.deltasql.cli.output.Json;
import io.deltasql.cli.validation.ValidationPrinter;
import io.deltasql.cli.validation.ValidationView;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.RegisteredTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deltasql compare SOURCE TARGET}: the validation report of an existing import, importing nothing. */
@Command(header = "Validation report of an imported table against its log.", name = "compare", sortOptions = false,
        description = {"Compares an imported table with its Delta log at the table's head (or --version),",
                "without importing: version, file count, total size, schema, protocol, file paths."},
        footer = {"%nExample:", "  deltasql compare /data/events deltasql://postgres/lake/delta/events", ExitCodes.HELP})
public final class CompareCommand extends BaseCommand implements Callable<Integer> {

    // No mixinStandardHelpOptions: its -V/--version would clash with --version N.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The Delta table.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The imported table.")
    String target;

    @Option(names = "--table", paramLabel = "SCHEMA.NAME", description = "The table name, with a jdbc: target.")
    String table;

    @Option(names = "--version", paramLabel = "N", description = "Compare at version N (default: the imported head).")
    Long version;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() {
        StoreTarget pg = target(target, table, source);
        try (SourceLog sourceLog = openSource(source, storage); TargetDatabase db = TargetDatabase.openReadOnly(pg)) {
            DeltaLog log = sourceLog.log();
            RegisteredTable t = db.require(pg.table());
            long at = version != null ? version : db.head(t);
            ValidationView view = db.validate(log, t, at, this::info);
            if (format == OutputFormat.JSON) {
                out().print(Json.pretty(view));
            } else {
                ValidationPrinter.print(view, out());
            }
            out().flush();
            return view.passed() ? ExitCodes.OK : ExitCodes.VALIDATION_FAILED;
        }
    }
}
