package io.deltasql.cli.command;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.importer.DryRun;
import io.deltasql.cli.importer.ImportOptions;
import io.deltasql.cli.importer.ImportResult;
import io.deltasql.cli.importer.ImportRunner;
import io.deltasql.cli.output.Json;
import io.deltasql.cli.output.TextReports;
import io.deltasql.cli.progress.ProgressMode;
import io.deltasql.cli.progress.ProgressReporter;
import io.deltasql.cli.report.DryRunEstimate;
import io.deltasql.cli.validation.ValidationPrinter;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.store.StoreTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deltasql import SOURCE TARGET}: parses options, runs {@link ImportRunner}, prints the outcome. */
@Command(header = "Import a Delta table's log into PostgreSQL, then validate it.", name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Imports a Delta table's log into PostgreSQL, one transaction per version, then validates.",
                "By default every version from the earliest one the log can rebuild (0, or a checkpoint where early",
                "commits were cleaned up) to the latest at the start; newer commits are left to the next --resume.",
                "The source is only read, never locked or written."},
        footer = {"%nExamples:",
                "  deltasql import /data/events deltasql://postgres/lake/delta/events",
                "  deltasql import s3a://bucket/events deltasql://postgres/lake --resume",
                "  deltasql import s3://lake/events deltasql://postgres/lake --s3-endpoint http://127.0.0.1:9000 --s3-path-style",
                "  deltasql import /data/events jdbc:postgresql://db:5432/lake --table delta.events --dry-run",
                ExitCodes.HELP})
public final class ImportCommand extends BaseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The Delta table: a path, file:///, s3:// (s3a://), gs://, abfs(s)://, az:// (storage options below).")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "deltasql://postgres/<db>[/<schema>/<table>][?…] or jdbc:postgresql://…")
    String target;

    @Option(names = "--table", paramLabel = "SCHEMA.NAME", description = "The table name (with a jdbc: target, or to override the default).")
    String table;

    @Option(names = "--up-to-version", paramLabel = "N", description = "Import up to version N (default: the latest when the import starts).")
    Long upToVersion;

    @Option(names = "--checkpoint-only", description = "Start from the latest checkpoint at or before the end version, then its later commits.")
    boolean checkpointOnly;

    @Option(names = "--resume", description = "Continue an import from its last version + 1 (a fresh import if there is none).")
    boolean resume;

    @Option(names = "--force", description = "Replace an existing import of this table.")
    boolean force;

    @Option(names = "--skip-validation", description = "Do not compare the SQL snapshot with the log's afterwards.")
    boolean skipValidation;

    @Option(names = "--dry-run", description = "Change nothing: check the target read-only as the import would (same errors, same exit codes), then show the versions, the actions by type, and the estimated size and time.")
    boolean dryRun;

    // On by default: 2.7x the rate of one transaction per version (docs/performance.md, Writer), and a
    // transaction still holds whole versions only, so a crash loses whole versions that --resume re-imports.
    @Option(names = "--group-commit", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Commit several consecutive whole versions per transaction (default: on; "
                    + "--no-group-commit for one transaction per version).")
    boolean groupCommit;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--progress", paramLabel = "auto|bar|plain|none", defaultValue = "auto",
            description = "Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise (default: ${DEFAULT-VALUE}).")
    ProgressMode progressMode;

    @Mixin
    StorageOptions storage;

    @Override
    public Integer call() {
        if (resume && force) {
            throw new CliException(ExitCodes.USAGE, "--resume and --force contradict each other: --resume continues an import, --force replaces it");
        }
        if (upToVersion != null && upToVersion < 0) {
            throw new CliException(ExitCodes.USAGE, "--up-to-version must be 0 or more, got " + upToVersion);
        }
        StoreTarget pg = target(target, table, source);
        ProgressReporter progress = dryRun ? ProgressReporter.NONE : progressMode.reporter(err());
        try (SourceLog sourceLog = openSource(source, storage, progress)) {
            DeltaLog log = sourceLog.log();
            ImportOptions options = new ImportOptions(upToVersion, checkpointOnly, resume, force, skipValidation);
            if (dryRun) {
                return dryRun(log, pg, options);
            }
            ImportResult result = new ImportRunner(progress, this::info).groupCommit(groupCommit).run(log, pg, options);
            print(result, log.location(), pg);
            return result.validation() == null || result.validation().passed() ? ExitCodes.OK : ExitCodes.VALIDATION_FAILED;
        }
    }

    private int dryRun(DeltaLog log, StoreTarget pg, ImportOptions options) {
        DryRunEstimate estimate = DryRun.run(log, pg, options, this::info);
        if (format == OutputFormat.JSON) {
            out().print(Json.pretty(estimate));
            out().flush();
        } else {
            TextReports.dryRun(estimate, log.location(), pg.describe(), out());
        }
        return ExitCodes.OK;
    }

    private void print(ImportResult result, String location, StoreTarget pg) {
        if (format == OutputFormat.JSON) {
            Map<String, Object> json = new LinkedHashMap<>(Json.MAPPER.convertValue(result.stats(), Map.class));
            if (result.validation() != null) {
                json.put("validation", result.validation());
            }
            out().print(Json.pretty(json));
            out().flush();
            return;
        }
        TextReports.importStats(result.stats(), location, pg.describe(), out());
        if (result.validation() != null) {
            out().println();
            ValidationPrinter.print(result.validation(), out());
        } else if (!result.upToDate()) {
            out().println("Validation skipped (--skip-validation).");
        }
        out().flush();
    }
}
