package io.deltasql.store.schema;

import io.deltasql.store.PgTarget;
import io.deltasql.store.StoreErrors;
import io.deltasql.store.StoreException;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates or upgrades the dl_* tables in the target schema with Flyway. The schema is created when
 * absent and holds its own history table ({@code dl_schema_history}), so several deltasql schemas
 * can live in one database and a user that may only create tables in its schema can run it.
 */
public final class SchemaMigrator {
    public static final String HISTORY_TABLE = "dl_schema_history";
    static final String LOCATION = "classpath:io/deltasql/store/schema/migration";

    private SchemaMigrator() {
    }

    /** Applies pending migrations; returns how many ran (0 when the schema is current). */
    public static int migrate(PgTarget target) {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(target.jdbcUrl() + sslSuffix(target), target.user(),
                        target.connectionProperties().getProperty("password"))
                .schemas(target.schema())
                .defaultSchema(target.schema())
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
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
