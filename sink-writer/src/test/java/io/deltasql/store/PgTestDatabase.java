package io.deltasql.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL database per test (random name), dropped afterwards, on the local server
 * (PGHOST/PGPORT/PGUSER or 127.0.0.1:5432 postgres).
 *
 * <p>Per test by default; {@link #perClass()} (registered on a static field) shares one database
 * across a class whose tests use separate schemas or table names, to keep the suite fast.
 */
public final class PgTestDatabase implements BeforeEachCallback, AfterEachCallback, BeforeAllCallback, AfterAllCallback {
    private final boolean perClass;
    private String name;

    public PgTestDatabase() {
        this(false);
    }

    private PgTestDatabase(boolean perClass) {
        this.perClass = perClass;
    }

    public static PgTestDatabase perClass() {
        return new PgTestDatabase(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        if (perClass) {
            create();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (perClass) {
            drop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        if (!perClass) {
            create();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (!perClass) {
            drop();
        }
    }

    private void create() throws SQLException {
        name = "deltasql_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    private void drop() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public String name() {
        return name;
    }

    /** The target for {@code schema} / {@code table} in this database. */
    public PgTarget target(String schema, String table) {
        return PgTarget.parse("deltasql://postgres/" + name + "/" + enc(schema) + "/" + enc(table), env());
    }

    private static String enc(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    public PgTarget target() {
        return target("public", "t");
    }

    /** A plain connection to this database (autocommit). */
    public Connection connect() throws SQLException {
        PgTarget t = target();
        return DriverManager.getConnection(t.jdbcUrl(), t.connectionProperties());
    }

    public static Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PGHOST", System.getenv().getOrDefault("PGHOST", "127.0.0.1"));
        env.put("PGPORT", System.getenv().getOrDefault("PGPORT", "5432"));
        env.put("PGUSER", System.getenv().getOrDefault("PGUSER", "postgres"));
        return env;
    }

    private static Connection admin() throws SQLException {
        Map<String, String> env = env();
        return DriverManager.getConnection("jdbc:postgresql://" + env.get("PGHOST") + ":" + env.get("PGPORT") + "/postgres",
                env.get("PGUSER"), System.getenv("PGPASSWORD"));
    }
}
