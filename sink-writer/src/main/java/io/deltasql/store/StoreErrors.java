package io.deltasql.store;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a JDBC failure into a one-line {@link StoreException} a user can act on. pgjdbc messages
 * never contain the password, and neither do ours: only host, port, database and user are named.
 */
public final class StoreErrors {
    private StoreErrors() {
    }

    /** {@code doing} says what was attempted, e.g. "writing version 42 of table sales". */
    public static StoreException wrap(PgTarget target, String doing, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = target.server();
        Throwable root = rootCause(e);
        // Before the refused case: pgjdbc reports both as 08001 with an IOException cause.
        if (root instanceof UnknownHostException) {
            return new StoreException("cannot connect to PostgreSQL at " + server + ": unknown host '" + target.host()
                    + "' — check PGHOST", e);
        }
        if (root instanceof ConnectException || state.equals("08001") && root instanceof java.io.IOException) {
            return new StoreConnectionException("cannot connect to PostgreSQL at " + server
                    + ": connection refused — is the server running? check PGHOST/PGPORT", e);
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new StoreException("PostgreSQL at " + server + " refused user '" + target.user()
                    + "': authentication failed — check PGUSER/PGPASSWORD", e);
        }
        if (state.equals("3D000")) {
            return new StoreException("database '" + target.database() + "' does not exist at " + server
                    + " — create it (createdb " + target.database() + ") or name another one", e);
        }
        if (state.equals("53100")) {
            return new StoreException("PostgreSQL at " + server + " is out of disk space (SQLState 53100) while "
                    + doing + " — free space on the server's data volume, then re-run (nothing of the failed version was kept)", e);
        }
        if (state.equals("42501")) {
            return new StoreException("permission denied at " + server + " while " + doing + ": "
                    + oneLine(e.getMessage()) + " — grant the user CREATE/USAGE on schema " + target.schema(), e);
        }
        if (connectionLost(state)) {
            return new StoreConnectionException("lost the connection to PostgreSQL at " + server + " while " + doing
                    + " (SQLState " + state + ") — the open transaction was rolled back; re-run to resume", e);
        }
        return new StoreException("PostgreSQL error at " + server + " while " + doing + ": " + oneLine(e.getMessage())
                + (state.isEmpty() ? "" : " (SQLState " + state + ")"), e);
    }

    /** SQLState class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now. */
    static boolean connectionLost(String sqlState) {
        return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03");
    }

    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
