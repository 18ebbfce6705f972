package io.deltasql.cli.command;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.ToLongFunction;
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
                description = "As of time T: ISO-8601 (2024-05-01T12:00:00Z; without an offset, or a date alone, in UTC) or epoch milliseconds;"
                        + " the latest version committed at or before T.")
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

    /** The ISO-8601 forms T may take, tried in turn: with an offset, a local date-time (UTC), a date (its start, UTC). */
    private static final List<ToLongFunction<String>> ISO_FORMS = List.of(
            t -> OffsetDateTime.parse(t).toInstant().toEpochMilli(),
            t -> LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli(),
            t -> LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());

    /**
     * T as epoch milliseconds: digits are epoch milliseconds; otherwise ISO-8601 — an instant
     * ({@code 2024-05-01T12:00:00Z}), with an offset ({@code …+02:00}), a local date-time taken as UTC
     * ({@code 2024-05-01T12:00:00}, or with a space), or a date, its start in UTC ({@code 2024-05-01}).
     */
    static long epochMillis(String value) {
        String v = value.trim();
        if (v.matches("-?\\d+")) {
            return Long.parseLong(v);
        }
        String iso = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + "T" + v.substring(11) : v;
        for (ToLongFunction<String> form : ISO_FORMS) {
            try {
                return form.applyAsLong(iso);
            } catch (DateTimeParseException notThisForm) {
                // the next form
            }
        }
        throw new CliException(ExitCodes.USAGE, "--timestamp '" + value + "': expected ISO-8601 like "
                + "2024-05-01T12:00:00Z (a time without an offset, or a date, is taken as UTC), or epoch milliseconds");
    }
}
