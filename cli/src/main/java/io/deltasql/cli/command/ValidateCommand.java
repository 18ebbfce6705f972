package io.deltasql.cli.command;

import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.health.HealthReport;
import io.deltasql.cli.health.SourceHealth;
import io.deltasql.cli.output.Json;
import io.deltasql.log.storage.LogStorage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deltasql validate SOURCE}: the health of a Delta log, before (or without) importing it. */
@Command(header = "Check a Delta log's health (no database needed).", name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks a Delta log without touching any database: readable, contiguous (or gaps covered",
                "by a checkpoint), every commit parses, every checkpoint agrees with the replay of the commits",
                "before it, and .crc checksum files agree where present. Exit 0 if healthy, 3 if not."},
        footer = {"%nExample:", "  deltasql validate s3a://bucket/events", ExitCodes.HELP})
public final class ValidateCommand extends BaseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The Delta table.")
    String source;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    StorageOptions storageOptions;

    @Override
    public Integer call() throws Exception {
        try (LogStorage storage = SourceLog.storage(source, storageOptions.settings(env()))) {
            HealthReport report = SourceHealth.check(source, storage);
            if (format == OutputFormat.JSON) {
                out().print(Json.pretty(report));
                out().flush();
            } else {
                report.print(out());
            }
            return report.healthy() ? ExitCodes.OK : ExitCodes.SOURCE;
        }
    }
}
