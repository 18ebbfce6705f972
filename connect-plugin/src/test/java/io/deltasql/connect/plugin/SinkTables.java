package io.deltasql.connect.plugin;

import io.deltasql.testing.PgDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the sink wrote, read from the test database's dl_* tables (schema public). */
final class SinkTables {
    private final PgDatabase db;

    SinkTables(PgDatabase db) {
        this.db = db;
    }

    /** The table's head version in PostgreSQL, or -2 while it (or dl_tables) does not exist. */
    long head(String name) throws SQLException {
        try (Connection c = db.connect()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('public.dl_tables') IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return -2;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT head_version FROM dl_tables WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -2;
                }
            }
        }
    }

    /** The versions in dl_table_versions, in order. */
    List<Long> history(String name) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT v.version FROM dl_table_versions v JOIN dl_tables t USING (table_id) WHERE t.name = ? ORDER BY 1")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
