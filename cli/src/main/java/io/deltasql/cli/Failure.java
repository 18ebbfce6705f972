package io.deltasql.cli;

import io.deltasql.log.DeltaLogException;
import io.deltasql.store.StoreException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns any exception into what the user sees: ONE line on stderr and an exit code. The cause chain
 * is searched for the most telling fact (an unknown host, a refused connection, a full disk), since
 * drivers wrap those several levels deep. Messages never contain a password: they are built from
 * exception messages that are themselves password-free (pgjdbc, our own) and from host/port only.
 */
public record Failure(int exitCode, String message) {

    /** SQLSTATE class 53: insufficient resources; 53100 is disk_full. */
    private static final String SQLSTATE_DISK_FULL = "53100";

    public static Failure of(Throwable error) {
        DiskFull disk = findDiskFull(error);
        CliException cli = find(error, CliException.class);
        if (cli != null) {
            return new Failure(cli.exitCode(), oneLine(cli.getMessage()));
        }
        DeltaLogException log = find(error, DeltaLogException.class);
        if (disk != null) {
            return new Failure(disk.database ? ExitCodes.DATABASE : ExitCodes.SOURCE, disk.message);
        }
        if (log != null) {
            return new Failure(ExitCodes.SOURCE, "source: " + describe(log));
        }
        UnknownHostException unknownHost = find(error, UnknownHostException.class);
        if (unknownHost != null) {
            return new Failure(ExitCodes.DATABASE, "database: unknown host " + unknownHost.getMessage()
                    + ": check the host in the target URI (host=) or PGHOST");
        }
        ConnectException refused = find(error, ConnectException.class);
        if (refused != null || find(error, NoRouteToHostException.class) != null
                || find(error, SocketTimeoutException.class) != null) {
            String msg = firstDatabaseMessage(error);
            // sink-writer's messages already say what to check; pgjdbc's raw ones do not.
            return new Failure(ExitCodes.DATABASE, "database: " + msg + (msg.contains("PGHOST") ? ""
                    : " (check that PostgreSQL is running and accepts TCP connections there: host=/port= in the URI, or PGHOST/PGPORT)"));
        }
        if (find(error, StoreException.class) != null || find(error, SQLException.class) != null) {
            return new Failure(ExitCodes.DATABASE, "database: " + firstDatabaseMessage(error));
        }
        if (find(error, IOException.class) != null) {
            return new Failure(ExitCodes.SOURCE, "I/O: " + oneLine(String.valueOf(find(error, IOException.class).getMessage())));
        }
        return new Failure(ExitCodes.INTERNAL, "internal error: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + oneLine(error.getMessage()))
                + " (rerun with --verbose for the stack trace, and please report it)");
    }

    /** "version 3, line 2 of _delta_log/00…03.json: …" — the message first names where, if it does not already. */
    static String describe(DeltaLogException e) {
        String msg = oneLine(e.getMessage() == null ? e.kind().name() : e.getMessage());
        StringBuilder where = new StringBuilder();
        if (e.version() != null && !msg.contains("version " + e.version())) {
            where.append("version ").append(e.version());
        }
        if (e.line() != null && !msg.contains("line " + e.line())) {
            where.append(where.length() > 0 ? ", " : "").append("line ").append(e.line());
        }
        if (e.file() != null && !msg.contains(e.file())) {
            where.append(where.length() > 0 ? " of " : "").append(e.file());
        }
        return where.length() == 0 ? msg : where + ": " + msg;
    }

    /** The message of the outermost database exception (ours are written for users; pgjdbc's name host and port). */
    private static String firstDatabaseMessage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if ((t instanceof StoreException || t instanceof SQLException) && t.getMessage() != null) {
                return oneLine(t.getMessage());
            }
        }
        return oneLine(String.valueOf(error.getMessage()));
    }

    private record DiskFull(boolean database, String message) {
    }

    private static DiskFull findDiskFull(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && SQLSTATE_DISK_FULL.equals(sql.getSQLState())) {
                return new DiskFull(true, "database: the PostgreSQL server's disk is full (SQLSTATE 53100): free space on the"
                        + " server, then rerun with --resume; every version already committed is kept");
            }
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return new DiskFull(false, "disk full: " + oneLine(t.getMessage()) + ": free space, then rerun");
            }
        }
        return null;
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Multi-line driver messages (pgjdbc's "Detail:"/"Hint:" lines) folded into one line. */
    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
