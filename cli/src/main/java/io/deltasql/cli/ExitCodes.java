package io.deltasql.cli;

/**
 * The process exit codes, one meaning each, so scripts can tell "the data differs" from "the input
 * is wrong" from "the database is unreachable". Documented in {@code --help} and docs/cli.md.
 */
public final class ExitCodes {
    /** Done; for import and compare: the validation passed (or was skipped). */
    public static final int OK = 0;
    /** Validation failed: the SQL snapshot differs from the file snapshot. */
    public static final int VALIDATION_FAILED = 1;
    /** Usage: bad option or argument, or an import that needs --resume / --force. */
    public static final int USAGE = 2;
    /** The source Delta log: not a table, missing commits, unparsable JSON, corrupt checkpoint, I/O. */
    public static final int SOURCE = 3;
    /** The database: bad target URI, unreachable server, authentication, SQL error, disk full. */
    public static final int DATABASE = 4;
    /** A bug in deltasql: an unexpected exception (run with --verbose for the stack trace). */
    public static final int INTERNAL = 5;

    /** Interrupted by Ctrl-C (SIGINT) or SIGTERM; what is committed stays, {@code --resume} goes on (128 + 2). */
    public static final int INTERRUPTED = 130;

    /** The text shown under "Exit codes:" in every command's --help. */
    public static final String HELP = "%nExit codes:%n"
            + "  0  ok (import and compare: validation passed or skipped)%n"
            + "  1  validation failed (SQL snapshot differs from the Delta log)%n"
            + "  2  usage error (bad option, or an existing import needs --resume or --force)%n"
            + "  3  source problem (not a Delta table, a missing or corrupt commit, checkpoint)%n"
            + "  4  database problem (bad target URI, unreachable server, SQL error, disk full)%n"
            + "  5  internal error (a bug: rerun with --verbose and report the stack trace)%n"
            + "130  interrupted (Ctrl-C, SIGTERM): committed versions stay; --resume goes on%n";

    private ExitCodes() {
    }
}
