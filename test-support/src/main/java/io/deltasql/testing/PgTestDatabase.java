package io.deltasql.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link PgDatabase} per test, dropped afterwards; {@link #perClass()} (registered on a
 * static field) shares one across a class whose tests use separate schemas or table names.
 */
public final class PgTestDatabase implements BeforeEachCallback, AfterEachCallback, BeforeAllCallback, AfterAllCallback {
    private final boolean perClass;
    private PgDatabase db;

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
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            db = PgDatabase.create("deltasql_it");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass) {
            db.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            db = PgDatabase.create("deltasql_it");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            db.close();
        }
    }

    public PgDatabase database() {
        return db;
    }

    public String name() {
        return db.name();
    }

    public String uri(String schema, String table) {
        return db.uri(schema, table);
    }

    public Connection connect() throws SQLException {
        return db.connect();
    }

    public static Map<String, String> env() {
        return PgDatabase.env();
    }
}
