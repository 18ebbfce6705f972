package io.deltasql.connect.plugin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A throw-away database on the local PostgreSQL (127.0.0.1:5432, trust auth), dropped on close. */
final class TestDatabase implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    final String name = "deltasql_plugin_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    TestDatabase() throws SQLException {
        admin("CREATE DATABASE " + name);
    }

    String targetUri() {
        return "deltasql://postgres/" + name + "?host=" + HOST + "&port=" + PORT + "&user=postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, "postgres", "");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres",
                "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
