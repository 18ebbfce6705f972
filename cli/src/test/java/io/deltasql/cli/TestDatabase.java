package io.deltasql.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A PostgreSQL database of its own for one test, on the local server; dropped on close. */
public final class TestDatabase implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    final String name;

    public TestDatabase() {
        this.name = "cli_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
    }

    /** deltasql://postgres/<db>/<schema>/<table> on the local server. */
    public String uri(String schema, String table) {
        return "deltasql://postgres/" + name + "/" + schema + "/" + table + "?host=" + HOST + "&port=" + PORT + "&user=postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, "postgres", "");
    }

    /** Every table outside the system schemas, and every non-system schema: proof of "nothing changed". */
    public List<String> userObjects() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                    + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
                while (rs.next()) {
                    out.add("table " + rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                    + "AND nspname NOT IN ('information_schema', 'public') ORDER BY 1")) {
                while (rs.next()) {
                    out.add("schema " + rs.getString(1));
                }
            }
        }
        return out;
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
