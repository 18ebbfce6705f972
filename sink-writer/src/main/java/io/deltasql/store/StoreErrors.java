package io.deltasql.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a JDBC failure into a one-line {@link StoreException} a user can act on. pgjdbc messages
 * never contain the password, and neither do ours: only host, port, database and user are named.
 */
public final class StoreErrors {
    private StoreErrors() {
    }

    /** The sslmode values pgjdbc (and libpq) accept, in the order of their strictness. */
    public static final java.util.List<String> SSL_MODES = java.util.List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /** {@code doing} says what was attempted, e.g. "writing version 42 of table sales". */
    public static StoreException wrap(PgTarget target, String doing, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        String server = target.server();
        Throwable root = rootCause(e);
        String cannot = "cannot connect to PostgreSQL at " + server + ": ";
        // Before the refused case: pgjdbc reports all of these as 08001 with an IOException cause.
        if (root instanceof UnknownHostException) {
            return new StoreException(cannot + "unknown host '" + target.host() + "' — check PGHOST", e);
        }
        if (root instanceof NoRouteToHostException || root instanceof ConnectException && mentions(root, "unreachable")) {
            return new StoreConnectionException(cannot + "the network is unreachable (no route to host " + target.host()
                    + ") — check the host (host= or PGHOST) and this machine's network", e);
        }
        if (root instanceof SocketTimeoutException && connecting(state)) {
            return new StoreConnectionException(cannot + "no answer from " + target.hostAndPort()
                    + " (timed out) — check the host and port (PGHOST/PGPORT) and any firewall between", e);
        }
        if (root instanceof ConnectException || state.equals("08001") && root instanceof java.io.IOException) {
            return new StoreConnectionException(cannot + "connection refused — is the server running? check PGHOST/PGPORT", e);
        }
        // pgjdbc's connection-time refusals (08004) that no retry can mend: say which setting to change.
        if (message.contains("does not support SSL")) {
            return new StoreException(cannot + "the server does not support SSL (sslmode="
                    + (target.sslmode() == null ? "require" : target.sslmode())
                    + ") — use sslmode=prefer or disable (?sslmode= or PGSSLMODE), or enable SSL on the server", e);
        }
        if (message.contains("no password was provided")) {
            return new StoreException(cannot + "the server asks for a password for user '" + target.user()
                    + "': set PGPASSWORD or ?password=", e);
        }
        if (message.startsWith("Invalid sslmode value")) {
            return new StoreException(invalidSslMode(target.sslmode()), e);
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
        if (connecting(state)) {
            // No connection was ever made: nothing was rolled back, and there is nothing to resume.
            return new StoreConnectionException(cannot + oneLine(e.getMessage()) + " (SQLState " + state + ")", e);
        }
        if (connectionLost(state)) {
            return new StoreConnectionException("lost the connection to PostgreSQL at " + server + " while " + doing
                    + " (SQLState " + state + ") — "
                    + (doing.startsWith("writing version") ? "the open transaction was rolled back; re-run to resume"
                            : "re-run when the server is back"), e);
        }
        return new StoreException("PostgreSQL error at " + server + " while " + doing + ": " + oneLine(e.getMessage())
                + (state.isEmpty() ? "" : " (SQLState " + state + ")"), e);
    }

    /** The one line for an sslmode pgjdbc would not take (checked when a target is parsed). */
    public static String invalidSslMode(String sslmode) {
        return "invalid sslmode '" + sslmode + "' (" + String.join(", ", SSL_MODES) + ")";
    }

    /** 08001 (unable to connect) and 08004 (rejected): pgjdbc's codes for a connection never made. */
    private static boolean connecting(String sqlState) {
        return sqlState.equals("08001") || sqlState.equals("08004");
    }

    private static boolean mentions(Throwable t, String word) {
        return t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains(word);
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
