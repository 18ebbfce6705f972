package io.deltasql.bench;

import io.deltasql.store.PgTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** A fresh database on the local server (PGHOST/PGPORT/PGUSER or 127.0.0.1:5432 postgres), dropped on close. */
final class WriterDatabase implements AutoCloseable {
    private final String host = env("PGHOST", "127.0.0.1");
    private final String port = env("PGPORT", "5432");
    private final String user = env("PGUSER", "postgres");
    final String name = "deltasql_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    WriterDatabase() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            String slowMs = System.getenv("BENCH_EXPLAIN_SLOW_MS");
            if (slowMs != null && !slowMs.isBlank()) {
                // Profiling aid: the server log gets the plan of every statement slower than this.
                s.execute("ALTER DATABASE " + name + " SET session_preload_libraries = 'auto_explain'");
                s.execute("ALTER DATABASE " + name + " SET auto_explain.log_min_duration = " + Integer.parseInt(slowMs.trim()));
            }
        }
    }

    /** A deltasql target for table {@code bench} in {@code schema} of this database. */
    PgTarget target(String schema) {
        return PgTarget.parse("deltasql://postgres/" + name + "/" + schema + "/bench?host=" + host + "&port=" + port
                + "&user=" + user, Map.of());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name, props());
    }

    /** pg_total_relation_size (heap, indexes, TOAST) summed over the schema's tables named like {@code prefix%}. */
    long size(String schema, String prefix) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relkind = 'r' AND c.relname LIKE ?")) {
            ps.setString(1, schema);
            ps.setString(2, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", props());
    }

    private Properties props() {
        Properties p = new Properties();
        p.setProperty("user", user);
        return p;
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }
}
