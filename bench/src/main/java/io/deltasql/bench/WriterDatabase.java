package io.deltasql.bench;

import io.deltasql.store.PgTarget;
import io.deltasql.testing.PgDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * test-support's {@link PgDatabase} (a fresh database on the local server, dropped on close) plus
 * the writer benchmark's profiling aid: with {@code BENCH_EXPLAIN_SLOW_MS} the server log gets the
 * plan of every statement slower than that.
 */
final class WriterDatabase implements AutoCloseable {
    private final PgDatabase db = PgDatabase.create("deltasql_bench");
    final String name = db.name();

    WriterDatabase() {
        String slowMs = System.getenv("BENCH_EXPLAIN_SLOW_MS");
        if (slowMs != null && !slowMs.isBlank()) {
            PgDatabase.admin("ALTER DATABASE " + name + " SET session_preload_libraries = 'auto_explain'");
            PgDatabase.admin("ALTER DATABASE " + name + " SET auto_explain.log_min_duration = " + Integer.parseInt(slowMs.trim()));
        }
    }

    /** A deltasql target for table {@code bench} in {@code schema} of this database. */
    PgTarget target(String schema) {
        return PgTarget.parse(db.uri(schema, "bench"), PgDatabase.env());
    }

    /** The target URI of {@code schema.table} in this database, as the CLI takes it. */
    String uri(String schema, String table) {
        return db.uri(schema, table);
    }

    /** host:port of the server. */
    String describe() {
        return PgDatabase.host() + ":" + PgDatabase.port();
    }

    /** A psql command line connected to this database (the raw copy's client). */
    List<String> psql(String command) {
        return List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", PgDatabase.host(), "-p", String.valueOf(PgDatabase.port()),
                "-U", PgDatabase.env().get("PGUSER"), "-d", name, "-c", command);
    }

    /** Runs one statement (CREATE TABLE, CHECKPOINT, …) in its own connection. */
    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    Connection connect() throws SQLException {
        return db.connect();
    }

    /** pg_total_relation_size (heap, indexes, TOAST) summed over the schema's tables named like {@code prefix%}. */
    long size(String schema, String prefix) throws SQLException {
        return db.size(schema, prefix);
    }

    @Override
    public void close() {
        db.close();
    }
}
