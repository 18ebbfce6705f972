package io.deltasql.store.sqlite;

import io.deltasql.store.RegisteredTable;
import io.deltasql.store.SqliteTarget;
import io.deltasql.store.TargetProbe;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * {@link TargetProbe} on a SQLite file: the directory check {@link SqliteStore#connect} makes, then
 * a read-only connection when the file exists. A missing file is not created (the real import
 * would create it, with the dl_* tables).
 */
public final class SqliteTargetProbe implements TargetProbe {
    private final SqliteTarget target;
    private final Connection conn; // null: no file yet
    private final boolean hasTables;

    private SqliteTargetProbe(SqliteTarget target, Connection conn, boolean hasTables) {
        this.target = target;
        this.conn = conn;
        this.hasTables = hasTables;
    }

    public static SqliteTargetProbe open(SqliteTarget target) {
        SqliteStore.requireDirectory(target);
        if (!Files.exists(target.file())) {
            return new SqliteTargetProbe(target, null, false);
        }
        Connection c = null;
        try {
            c = SqliteConnections.openTraceless(target);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dl_tables'");
                 ResultSet rs = ps.executeQuery()) {
                return new SqliteTargetProbe(target, c, rs.next());
            }
        } catch (SQLException e) {
            close(c);
            throw SqliteErrors.wrap(target, "opening the store", e);
        }
    }

    @Override
    public Optional<RegisteredTable> find(String name) {
        if (!hasTables) {
            return Optional.empty();
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT table_id, name, location, head_version FROM dl_tables WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new RegisteredTable(UUID.fromString(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getLong(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteErrors.wrap(target, "looking up table " + name, e);
        }
    }

    /** The file's write lock, tried and let go at once; a read-only connection that may not take it learns nothing. */
    @Override
    public void requireNoWriter(RegisteredTable table) {
        if (conn == null) {
            return;
        }
        WriterLease.requireFree(target);
        try (Statement s = conn.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            if (e instanceof SQLiteException x && x.getResultCode() == SQLiteErrorCode.SQLITE_READONLY) {
                return;
            }
            throw SqliteErrors.wrap(target, "checking for a writer of table " + table.name(), e);
        }
    }

    @Override
    public List<String> wouldCreate() {
        if (conn == null) {
            return List.of("the SQLite file " + target.file(), "the dl_* tables");
        }
        return hasTables ? List.of() : List.of("the dl_* tables");
    }

    @Override
    public void close() {
        close(conn);
    }

    private static void close(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to do
        }
    }
}
