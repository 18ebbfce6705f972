package io.deltasql.store.postgres;

import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.TableBusyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * One writer per table: a PostgreSQL advisory lock keyed by the table id. A writer holds it for its
 * session; a registration that would replace a table takes it for its transaction only, so it never
 * deletes rows under a running writer (which deadlocked two concurrent {@code --force} imports).
 * Whoever finds it taken gets the same one-line {@link TableBusyException} naming the holder.
 */
final class TableLock {
    private static final int RETRIES = 50;
    private static final long RETRY_MILLIS = 20;

    private TableLock() {
    }

    static long key(UUID tableId) {
        return tableId.getMostSignificantBits() ^ tableId.getLeastSignificantBits();
    }

    /** Takes the lock for the session of {@code conn}, or throws naming the writer that has it. */
    static void lockSession(Connection conn, PgTarget target, RegisteredTable table) throws SQLException {
        take(conn, target, table, "SELECT pg_try_advisory_lock(?)");
    }

    /** Takes the lock until the open transaction of {@code conn} ends, or throws naming the writer that has it. */
    static void lockTransaction(Connection conn, PgTarget target, RegisteredTable table) throws SQLException {
        take(conn, target, table, "SELECT pg_try_advisory_xact_lock(?)");
    }

    private static void take(Connection conn, PgTarget target, RegisteredTable table, String sql) throws SQLException {
        long key = key(table.id());
        for (int attempt = 0; ; attempt++) {
            if (tryLock(conn, sql, key)) {
                return;
            }
            // A registration holds it for one short transaction; a writer for its whole session. Whoever
            // still holds it when we look is named; a holder already gone means: try again.
            Integer pid = holder(conn, key);
            if (pid != null || attempt == RETRIES) {
                throw new TableBusyException("table '" + table.name() + "' is being written by another deltasql writer"
                        + (pid == null ? "" : " (PostgreSQL backend pid " + pid + ")") + " at " + target.server()
                        + "; only one writer per table — wait for it to finish or stop it");
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TableBusyException("table '" + table.name() + "' is being written by another deltasql writer at "
                        + target.server() + " (interrupted while waiting for it)");
            }
        }
    }

    /** Releases the session's lock (a writer's close); {@code conn} must be in autocommit. */
    static void unlockSession(Connection conn, RegisteredTable table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key(table.id()));
            ps.execute();
        }
    }

    private static boolean tryLock(Connection conn, String sql, long key) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Integer holder(Connection conn, long key) {
        String sql = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                + "AND classid = ?::bigint::oid AND objid = ?::bigint::oid LIMIT 1";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, (key >>> 32) & 0xffffffffL);
            ps.setLong(2, key & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }
}
