package io.deltasql.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A PostgreSQL database of its own, with a random name, on the local server (PGHOST / PGPORT /
 * PGUSER / PGPASSWORD, else 127.0.0.1:5432 user postgres), dropped on {@link #close()}. The one
 * PostgreSQL fixture of every module's tests and of the benchmarks; {@link PgTestDatabase} makes it a
 * JUnit extension.
 */
public final class PgDatabase implements AutoCloseable {
    private final String name;

    private PgDatabase(String prefix) {
        this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name);
    }

    /** Creates a database named {@code <prefix>_<random>}. */
    public static PgDatabase create(String prefix) {
        return new PgDatabase(prefix);
    }

    public String name() {
        return name;
    }

    public static String host() {
        return env().get("PGHOST");
    }

    public static int port() {
        return Integer.parseInt(env().get("PGPORT"));
    }

    /** {@code deltasql://postgres/<db>/<schema>/<table>?host=&port=&user=} on the local server. */
    public String uri(String schema, String table) {
        return "deltasql://postgres/" + name + "/" + enc(schema) + "/" + enc(table) + query();
    }

    /** {@code deltasql://postgres/<db>?host=&port=&user=}: the schema and table come from elsewhere. */
    public String uri() {
        return "deltasql://postgres/" + name + query();
    }

    private static String query() {
        Map<String, String> env = env();
        return "?host=" + env.get("PGHOST") + "&port=" + env.get("PGPORT") + "&user=" + enc(env.get("PGUSER"));
    }

    /** A plain connection to this database (autocommit). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(name), props());
    }

    /** Runs one statement in this database. */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
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

    /** pg_total_relation_size (heap, indexes, TOAST) summed over the schema's tables named like {@code prefix%}. */
    public long size(String schema, String prefix) throws SQLException {
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

    /** Runs one statement in the server's maintenance database (e.g. ALTER DATABASE on this one). */
    public static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), props()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage() + " (is PostgreSQL running at "
                    + host() + ":" + port() + "? .ci/run starts it)", e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** PGHOST, PGPORT, PGUSER as the tests use them: the environment's, else the local server's defaults. */
    public static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", orDefault("PGHOST", "127.0.0.1"));
        env.put("PGPORT", orDefault("PGPORT", "5432"));
        env.put("PGUSER", orDefault("PGUSER", "postgres"));
        return env;
    }

    private static String orDefault(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    private static Properties props() {
        Properties p = new Properties();
        p.setProperty("user", env().get("PGUSER"));
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    private static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
