package io.deltasql.cli.command;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of the commands that look at one imported table as of one point of its history
 * ({@code snapshot}, {@code read}): TARGET, {@code --table}, and {@code --version N} or
 * {@code --timestamp T}. A picocli mixin, so both commands take and explain them the same way.
 */
final class TableAtOptions {
    // No mixinStandardHelpOptions on these commands: its -V/--version would clash with --version N.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The imported table (see 'deltasql --help' for the forms).")
    String target;

    @Option(names = "--table", paramLabel = "SCHEMA.NAME", description = "The table name, with a jdbc: target.")
    String table;

    @ArgGroup(exclusive = true)
    When when;

    static final class When {
        @Option(names = "--version", paramLabel = "N", description = "As of version N (default: the head).")
        Long version;

        @Option(names = "--timestamp", paramLabel = "T",
                description = "As of time T: ISO-8601 (2024-05-01T12:00:00Z) or epoch milliseconds; the latest version committed at or before T.")
        String timestamp;
    }

    /** The version asked for, or null (the head, or a timestamp). */
    Long version() {
        return when == null ? null : when.version;
    }

    /** The time asked for in epoch milliseconds, or null; a malformed value is a usage error. */
    Long epochMillis() {
        return when == null || when.timestamp == null ? null : epochMillis(when.timestamp);
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
