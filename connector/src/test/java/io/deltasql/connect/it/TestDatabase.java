package io.deltasql.connect.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A throw-away PostgreSQL database on the local server (trust auth), dropped after the test class. */
public final class TestDatabase implements AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    public final String name = "deltasql_connect_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public TestDatabase() throws SQLException {
        admin("CREATE DATABASE " + name);
    }

    public String targetUri() {
        return "deltasql://postgres/" + name + "?host=" + HOST + "&port=" + PORT + "&user=postgres";
    }

    public Connection connect() throws SQLException {
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
