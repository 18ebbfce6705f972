package io.deltasql.bench;

import io.deltasql.store.MetadataStore;
import io.deltasql.store.Stores;
import io.deltasql.store.PgTarget;
import io.deltasql.testing.PgDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fresh database on the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth), migrated to the
 * dl_* schema before any connector starts, and dropped at the end. Reads a table's head over its own
 * connection, as a client watching the mirror would.
 */
final class ConnectDatabase implements AutoCloseable {
    private final PgDatabase db = PgDatabase.create("deltasql_connect_bench");
    private final String name = db.name();
    private final Connection watcher;
    private final PreparedStatement headQuery;

    /**
     * @param genericPlans sets {@code plan_cache_mode = force_generic_plan} for the database's sessions (kept
     *                     for comparison with older runs: the sink's writer now sets force_custom_plan on its own
     *                     session, which overrides it)
     */
    ConnectDatabase(boolean genericPlans) throws SQLException {
        try {
            if (genericPlans) {
                admin("ALTER DATABASE " + name + " SET plan_cache_mode = force_generic_plan");
            }
            String slowMs = System.getenv("BENCH_EXPLAIN_SLOW_MS");
            if (slowMs != null && !slowMs.isBlank()) {
                // Profiling aid (as in WriterDatabase): the server log gets the plan of every slower statement.
                admin("ALTER DATABASE " + name + " SET session_preload_libraries = 'auto_explain'");
                admin("ALTER DATABASE " + name + " SET auto_explain.log_min_duration = " + Integer.parseInt(slowMs.trim()));
            }
            // The sink would migrate on start too; done here so that the sink timings hold no migration.
            Stores.connect(PgTarget.parse(targetUri(), Map.of(), null).withTable(null)).close();
            watcher = db.connect();
            watcher.setAutoCommit(true);
            headQuery = watcher.prepareStatement("SELECT head_version FROM public.dl_tables WHERE name = ?");
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    String targetUri() {
        return db.uri();
    }

    /** The table's head_version in dl_tables, or -1 while the sink has not registered it. */
    long head(String table) throws SQLException {
        headQuery.setString(1, table);
        try (ResultSet rs = headQuery.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** PostgreSQL backend pids connected to this database now (for their CPU time; see CpuBreakdown). */
    List<Integer> backends() {
        List<Integer> pids = new ArrayList<>();
        try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            // the breakdown then shows no PostgreSQL time for this phase
        }
        return pids;
    }

    /**
     * Collects planner statistics for the whole database, as autovacuum's auto-analyze would on a
     * server where it is on (it is off on the test server); returns the seconds it took.
     */
    double analyze() throws SQLException {
        long t0 = System.nanoTime();
        try (Statement s = watcher.createStatement()) {
            s.execute("ANALYZE");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The server's autovacuum setting ("on"/"off"). */
    String autovacuum() throws SQLException {
        try (Statement s = watcher.createStatement(); ResultSet rs = s.executeQuery("SHOW autovacuum")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void admin(String sql) {
        PgDatabase.admin(sql);
    }

    @Override
    public void close() throws SQLException {
        try {
            watcher.close();
        } finally {
            db.close();
        }
    }
}
