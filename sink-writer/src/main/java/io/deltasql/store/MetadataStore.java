package io.deltasql.store;

import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.schema.SchemaMigrator;
import io.deltasql.store.schema.SqlNames;
import io.deltasql.store.write.PgVersionWriter;
import io.deltasql.store.write.WriterOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The dl_* tables of one PostgreSQL schema: connects, creates or upgrades the schema (Flyway) on
 * first use, registers Delta tables, records import provenance, hands out writers and read queries.
 * Holds one connection (autocommit) for its own statements; each writer gets its own connection,
 * which carries the writer's table lock.
 */
public final class MetadataStore implements AutoCloseable {
    private final PgTarget target;
    private final SqlNames names;
    private final Connection conn;

    private MetadataStore(PgTarget target, Connection conn) {
        this.target = target;
        this.names = new SqlNames(target.schema());
        this.conn = conn;
    }

    /** Connects to the target and runs pending schema migrations in its schema. */
    public static MetadataStore connect(PgTarget target) {
        Connection c = open(target);
        try {
            SchemaMigrator.migrate(target);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        return new MetadataStore(target, c);
    }

    /** A new connection to the target (autocommit), errors as one line. */
    public static Connection open(PgTarget target) {
        try {
            return DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "connecting", e);
        }
    }

    public PgTarget target() {
        return target;
    }

    public SqlNames names() {
        return names;
    }

    /**
     * Registers {@code name} for the Delta table at {@code location}. The same name and location
     * again returns the existing registration (so imports resume). Another location under an existing
     * name is refused unless {@code force}, which deletes the old registration with all its rows
     * (cascade) and registers afresh.
     */
    public RegisteredTable register(String name, String location, boolean force) {
        return inTransaction("registering table " + name, () -> {
            Optional<RegisteredTable> existing = findForUpdate(name);
            if (existing.isPresent()) {
                RegisteredTable t = existing.get();
                if (t.location().equals(location) && !force) {
                    return t;
                }
                if (!force) {
                    throw new StoreException("table name '" + name + "' is already registered for " + t.location()
                            + ", not " + location + " — choose another name, or replace it (force) to delete the old one");
                }
                try (PreparedStatement ps = conn.prepareStatement(names.sql("DELETE FROM {s}.dl_tables WHERE table_id = ?"))) {
                    ps.setObject(1, t.id());
                    ps.executeUpdate();
                }
            }
            UUID id = UUID.randomUUID();
            try (PreparedStatement ps = conn.prepareStatement(names.sql(
                    "INSERT INTO {s}.dl_tables (table_id, name, location) VALUES (?, ?, ?)"))) {
                ps.setObject(1, id);
                ps.setString(2, name);
                ps.setString(3, location);
                ps.executeUpdate();
            }
            return new RegisteredTable(id, name, location, -1);
        });
    }

    public Optional<RegisteredTable> find(String name) {
        try (PreparedStatement ps = conn.prepareStatement(names.sql(
                "SELECT table_id, name, location, head_version FROM {s}.dl_tables WHERE name = ?"))) {
            ps.setString(1, name);
            return readTable(ps);
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "looking up table " + name, e);
        }
    }

    private Optional<RegisteredTable> findForUpdate(String name) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(names.sql(
                "SELECT table_id, name, location, head_version FROM {s}.dl_tables WHERE name = ? FOR UPDATE"))) {
            ps.setString(1, name);
            return readTable(ps);
        }
    }

    private static Optional<RegisteredTable> readTable(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new RegisteredTable(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getLong(4)));
        }
    }

    /** Deletes the table and every row of it (cascade). Returns whether it existed. */
    public boolean delete(String name) {
        try (PreparedStatement ps = conn.prepareStatement(names.sql("DELETE FROM {s}.dl_tables WHERE name = ?"))) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "deleting table " + name, e);
        }
    }

    /** Provenance: an import of {@code table} in {@code mode} (e.g. full, checkpoint, connect) starts. */
    public void importStarted(RegisteredTable table, String mode, String toolVersion) {
        execute("recording the import start of " + table.name(), "UPDATE {s}.dl_tables SET mode = ?, tool_version = ?, "
                + "import_started_at = now(), import_finished_at = NULL, updated_at = now() WHERE table_id = ?",
                mode, toolVersion, table.id());
    }

    /** Provenance: the import finished; {@code lastImportedVersion} is the head it reached. */
    public void importFinished(RegisteredTable table, long lastImportedVersion) {
        execute("recording the import end of " + table.name(), "UPDATE {s}.dl_tables SET last_imported_version = ?, "
                + "import_finished_at = now(), updated_at = now() WHERE table_id = ?", lastImportedVersion, table.id());
    }

    /** A writer with one transaction per version. Throws {@link TableBusyException} when another writer holds the table. */
    public PgVersionWriter writer(RegisteredTable table) {
        return writer(table, WriterOptions.defaults().perVersion());
    }

    public PgVersionWriter writer(RegisteredTable table, WriterOptions options) {
        return PgVersionWriter.open(open(target), target, names, table, options);
    }

    /** Snapshot, time-travel and history queries on this store's connection. */
    public SnapshotQueries queries() {
        return new SnapshotQueries(conn, target, names);
    }

    @Override
    public void close() {
        closeQuietly(conn);
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(String doing, Work<T> work) {
        try {
            conn.setAutoCommit(false);
            try {
                T result = work.run();
                conn.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, doing, e);
        }
    }

    private void execute(String doing, String template, Object... params) {
        try (PreparedStatement ps = conn.prepareStatement(names.sql(template))) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, doing, e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to do
        }
    }
}
