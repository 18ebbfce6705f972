package io.deltasql.cli.command;

import io.deltasql.cli.CliException;
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
                "before it, and .crc checksum files agree where present. Exit 0 if healthy, 3 if not; warnings",
                "(a _last_checkpoint pointing at a missing or wrong checkpoint, an empty commit) exit 1 with --strict."},
        footer = {"%nExample:", "  deltasql validate s3a://bucket/events", ExitCodes.HELP})
public final class ValidateCommand extends BaseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The Delta table.")
    String source;

    @Option(names = "--strict", description = "Fail (exit 1) on warnings too: a _last_checkpoint pointing at a missing or wrong checkpoint, an empty commit.")
    boolean strict;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    StorageOptions storageOptions;

    @Override
    public Integer call() throws Exception {
        if (source.startsWith("deltasql://") || source.startsWith("jdbc:")) {
            // Never echo the target: it may hold a password.
            throw new CliException(ExitCodes.USAGE, "validate takes a Delta table location (a path, file://, s3://, gs://,"
                    + " abfss://, …), not a database target: 'deltasql compare SOURCE TARGET' checks an import against"
                    + " its source, 'deltasql info TARGET' shows what a target holds");
        }
        try (LogStorage storage = SourceLog.storage(source, storageOptions.settings(env()))) {
            HealthReport report = SourceHealth.check(source, storage);
            if (format == OutputFormat.JSON) {
                out().print(Json.pretty(report));
                out().flush();
            } else {
                report.print(out());
            }
            if (!report.healthy()) {
                return ExitCodes.SOURCE;
            }
            return strict && report.warningCount() > 0 ? ExitCodes.VALIDATION_FAILED : ExitCodes.OK;
        }
    }
}
