package io.deltasql.store.schema;

import io.deltasql.store.PgTarget;
import io.deltasql.store.StoreErrors;
import io.deltasql.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Creates or upgrades the dl_* tables in the target schema with Flyway. The schema is created when
 * absent and holds deltasql's own history table ({@code dl_schema_history}), so several deltasql
 * schemas can live in one database, a user that may only create tables in its schema can run it,
 * and a schema that already holds the user's tables (and the user's own {@code flyway_schema_history})
 * works: Flyway baselines at version 0 there, so every deltasql migration still runs, and nothing of
 * the user's is read or changed. {@link SchemaCheck} runs first and refuses, before anything is
 * written, a schema where deltasql could not go ahead.
 */
public final class SchemaMigrator {
    public static final String HISTORY_TABLE = "dl_schema_history";
    static final String LOCATION = "classpath:io/deltasql/store/schema/migration";

    private SchemaMigrator() {
    }

    /** Applies pending migrations; returns how many ran (0 when the schema is current). */
    public static int migrate(PgTarget target) {
        try (Connection conn = DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties())) {
            return migrate(target, conn);
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "connecting", e);
        }
    }

    /** {@link #migrate(PgTarget)} with {@code conn} for the checks (Flyway opens its own connections). */
    public static int migrate(PgTarget target, Connection conn) {
        SchemaCheck check = check(target, conn);
        if (check.pendingScripts().isEmpty()) {
            return 0;
        }
        FluentConfiguration config = configure(target);
        if (check.baselineVersion() != null) {
            // A schema with tables but without deltasql's history: record the baseline (0 = nothing
            // of deltasql's yet, or the version adopted from flyway_schema_history) and migrate from it.
            config.baselineOnMigrate(true).baselineVersion(check.baselineVersion())
                    .baselineDescription(check.adoptedFrom() == null ? "deltasql baseline (schema had other tables)"
                            : "deltasql schema adopted from " + check.adoptedFrom());
        }
        return run(target, () -> config.load().migrate().migrationsExecuted);
    }

    /**
     * What {@link #migrate} would do, changing nothing (for --dry-run); throws the refusal it would
     * throw ({@link SchemaConflictException}).
     */
    public static SchemaCheck check(PgTarget target, Connection conn) {
        Flyway flyway = configure(target).load();
        try {
            return SchemaCheck.inspect(conn, target, () -> run(target, () -> flyway.info().all()));
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "reading schema " + target.schema(), e);
        }
    }

    private static FluentConfiguration configure(PgTarget target) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(target.jdbcUrl() + sslSuffix(target), target.user(),
                        target.connectionProperties().getProperty("password"))
                .schemas(target.schema())
                .defaultSchema(target.schema())
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .validateMigrationNaming(true);
    }

    private interface FlywayWork<T> {
        T run();
    }

    private static <T> T run(PgTarget target, FlywayWork<T> work) {
        try {
            return work.run();
        } catch (FlywayException e) {
            Throwable c = e;
            while (c != null && !(c instanceof SQLException)) {
                c = c.getCause();
            }
            if (c instanceof SQLException sql) {
                throw StoreErrors.wrap(target, "creating the dl_* tables in schema " + target.schema(), sql);
            }
            throw new StoreException("cannot create the dl_* tables in schema " + target.schema() + " at "
                    + target.server() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String sslSuffix(PgTarget target) {
        return target.sslmode() == null ? "" : "?sslmode=" + target.sslmode();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
