package io.deltasql.store.sqlite;

import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.SqliteTarget;
import io.deltasql.store.StoreException;
import io.deltasql.store.TableProvenance;
import io.deltasql.store.postgres.PostgresStore;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.schema.SchemaMigrator;
import io.deltasql.store.schema.SchemaVersion;
import io.deltasql.store.write.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The {@link MetadataStore} in one SQLite file: the same dl_* model as PostgreSQL's, created or
 * upgraded by Flyway (history table {@code dl_schema_history}) when connected; the file is created
 * when missing. One connection for the store's own statements; each writer opens its own. SQLite
 * allows one writer per file at a time, and so does this store ({@link SqliteVersionWriter}).
 */
public final class SqliteStore implements MetadataStore {
    static final String NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
    private static final String LOCATION = "classpath:io/deltasql/store/sqlite/migration";

    private final SqliteTarget target;
    private final Connection conn;
    private final boolean readOnly;
    /** Schema V3+: the live-file index is keyed by dl_tables.table_no (a read-only V2 file is read through V2's). */
    private final boolean tableNumbers;

    private SqliteStore(SqliteTarget target, Connection conn, boolean readOnly, boolean tableNumbers) {
        this.target = target;
        this.conn = conn;
        this.readOnly = readOnly;
        this.tableNumbers = tableNumbers;
    }

    /** Opens (creating the file when missing) and runs pending migrations. */
    public static SqliteStore connect(SqliteTarget target) {
        requireDirectory(target);
        Connection c;
        try {
            // Opening may switch a new file to WAL, which needs the file to itself for an instant: a
            // reader that opened it just then (`deltasql info`, a dry run) is waited for, not taken for
            // a writer. Once open, the store's own statements go back to not waiting (STORE_BUSY_MILLIS).
            c = SqliteConnections.open(target, SqliteConnections.RELOCK_BUSY_MILLIS, true);
        } catch (SQLException e) {
            throw SqliteErrors.wrap(target, "opening the store", e);
        }
        try {
            migrate(target);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + SqliteConnections.STORE_BUSY_MILLIS);
            } catch (SQLException e) {
                throw SqliteErrors.wrap(target, "opening the store", e);
            }
            return new SqliteStore(target, c, false, true);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Opens for reading only: no Flyway, no file created (a missing file is "not imported"), a
     * read-only connection. The schema version is read from dl_schema_history; one below
     * {@link SchemaVersion#SQLITE_READABLE} is refused, naming the upgrade ({@link SchemaVersion#outdated}).
     */
    public static SqliteStore openReadOnly(SqliteTarget target) {
        String where = target.file().toString();
        String table = target.table() == null ? "" : target.table();
        if (!Files.isRegularFile(target.file())) {
            throw SchemaVersion.notImported(where + " (no such file)", table);
        }
        Connection c;
        try {
            c = SqliteConnections.openReadOnly(target);
        } catch (SQLException e) {
            throw SqliteErrors.wrap(target, "opening the store read-only", e);
        }
        try {
            Set<String> tables = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master "
                    + "WHERE type = 'table' AND name IN ('dl_tables', '" + SchemaMigrator.HISTORY_TABLE + "')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (!tables.contains(SchemaMigrator.HISTORY_TABLE)) {
                throw tables.contains("dl_tables")
                        ? SchemaVersion.outdated(where, "no " + SchemaMigrator.HISTORY_TABLE, SchemaVersion.SQLITE_READABLE, target.uri())
                        : SchemaVersion.notImported(where, table);
            }
            List<String> applied = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SchemaVersion.APPLIED_SQL.replace("{s}.", ""))) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
            SchemaVersion.requireCurrent(applied, SchemaVersion.SQLITE_READABLE, where, target.uri());
            return new SqliteStore(target, c, true, SchemaVersion.reaches(applied, SchemaVersion.SQLITE_TABLE_NUMBERS));
        } catch (SQLException e) {
            closeQuietly(c);
            throw SqliteErrors.wrap(target, "reading the schema version", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void requireWritable(String doing) {
        if (readOnly) {
            throw new IllegalStateException("the store was opened read-only: cannot go on " + doing);
        }
    }

    /** The file's directory must exist: the store creates the file, never directories. */
    static void requireDirectory(SqliteTarget target) {
        Path dir = target.file().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new StoreException("cannot create the SQLite file " + target.file() + ": directory " + dir
                    + " does not exist — create it or name another path");
        }
    }

    private static void migrate(SqliteTarget target) {
        Flyway flyway = Flyway.configure(SqliteStore.class.getClassLoader())
                .dataSource(target.jdbcUrl(), null, null)
                .table(SchemaMigrator.HISTORY_TABLE)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .load();
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    throw SqliteErrors.wrap(target, "creating the dl_* tables", sql);
                }
            }
            String m = e.getMessage() == null ? "(no message)" : e.getMessage().strip().lines().findFirst().orElse("");
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
            throw new StoreException("cannot create the dl_* tables in " + target.file() + ": " + m + why, e);
        }
    }

    @Override
    public SqliteTarget target() {
        return target;
    }

    /** Under the file's write lock (BEGIN IMMEDIATE): no writer can be running meanwhile. */
    @Override
    public RegisteredTable register(String name, String location, boolean force) {
        requireWritable("registering table " + name);
        return inTransaction("registering table " + name, () -> {
            Optional<RegisteredTable> existing = find(name);
            UUID id = UUID.randomUUID();
            if (existing.isPresent()) {
                RegisteredTable t = existing.get();
                if (t.location().equals(location) && !force) {
                    return t;
                }
                if (!force && t.headVersion() >= 0) {
                    throw new StoreException("table name '" + name + "' is already registered for " + t.location()
                            + ", not " + location + " — choose another name, or replace it (force) to delete the old one");
                }
                execute("DELETE FROM dl_tables WHERE table_id = ?", t.id().toString());
                id = t.id(); // as in PostgreSQL: a replaced table keeps its id
            }
            // table_no: the live-file index's key (schema V3); a replaced table's number may come back, its rows are gone
            execute("INSERT INTO dl_tables (table_id, name, location, table_no) "
                    + "VALUES (?, ?, ?, (SELECT coalesce(max(table_no), 0) + 1 FROM dl_tables))", id.toString(), name, location);
            return new RegisteredTable(id, name, location, -1);
        });
    }

    /** A writer holds its lease, and SQLite's write lock while it writes: take both for an instant without waiting, or say who has them. */
    @Override
    public void requireNoWriter(RegisteredTable table) {
        WriterLease.requireFree(target);
        try (Connection probe = SqliteConnections.open(target, 0, true)) {
            try (Statement s = probe.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            throw SqliteErrors.wrap(target, "checking for a writer of table " + table.name(), e);
        }
    }

    @Override
    public Optional<RegisteredTable> find(String name) {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT table_id, name, location, head_version FROM dl_tables WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RegisteredTable(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getLong(4)));
            }
        } catch (SQLException e) {
            throw SqliteErrors.wrap(target, "looking up table " + name, e);
        }
    }

    @Override
    public boolean delete(String name) {
        requireWritable("deleting table " + name);
        return inTransaction("deleting table " + name, () -> execute("DELETE FROM dl_tables WHERE name = ?", name) > 0);
    }

    @Override
    public void importStarted(RegisteredTable table, String mode, String toolVersion) {
        requireWritable("recording an import");
        inTransaction("recording the import start of " + table.name(), () -> execute("UPDATE dl_tables SET mode = ?, "
                + "tool_version = ?, import_started_at = " + NOW + ", import_finished_at = NULL, updated_at = " + NOW
                + " WHERE table_id = ?", mode, toolVersion, table.id().toString()));
    }

    @Override
    public void importFinished(RegisteredTable table, long lastImportedVersion) {
        requireWritable("recording an import");
        inTransaction("recording the import end of " + table.name(), () -> execute("UPDATE dl_tables SET "
                + "last_imported_version = ?, import_finished_at = " + NOW + ", updated_at = " + NOW + " WHERE table_id = ?",
                lastImportedVersion, table.id().toString()));
    }

    @Override
    public TableProvenance provenance(RegisteredTable table) {
        try (PreparedStatement ps = conn.prepareStatement("SELECT mode, last_imported_version, missing_ranges, "
                + "import_started_at, import_finished_at, tool_version FROM dl_tables WHERE table_id = ?")) {
            ps.setString(1, table.id().toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("table '" + table.name() + "' is no longer in " + target.file()
                            + " — was it deleted?");
                }
                long last = rs.getLong(2);
                return new TableProvenance(rs.getString(1), rs.wasNull() ? null : last,
                        PostgresStore.ranges(rs.getString(3)), instant(rs.getString(4)), instant(rs.getString(5)),
                        rs.getString(6));
            }
        } catch (SQLException e) {
            throw SqliteErrors.wrap(target, "reading the provenance of " + table.name(), e);
        }
    }

    private static Instant instant(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }

    @Override
    public SqliteVersionWriter writer(RegisteredTable table, WriterOptions options) {
        requireWritable("writing table " + table.name());
        return SqliteVersionWriter.open(target, table, options);
    }

    @Override
    public SnapshotQueries queries() {
        return new SnapshotQueries(conn, new SqliteDialect(target, tableNumbers));
    }

    /**
     * The head of the target's table WITHOUT changing anything: no file, no schema created (a
     * read-only connection, and none at all when the file is missing). For --dry-run.
     */
    public static OptionalLong peekHead(SqliteTarget target) {
        if (!Files.isRegularFile(target.file())) {
            return OptionalLong.empty();
        }
        try (Connection c = SqliteConnections.openReadOnly(target)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dl_tables'");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT head_version FROM dl_tables WHERE name = ?")) {
                ps.setString(1, target.table());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        } catch (SQLException e) {
            throw SqliteErrors.wrap(target, "reading the head (read-only, for --dry-run)", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(conn);
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** One write transaction: BEGIN IMMEDIATE takes the file's write lock first (waiting up to the busy timeout). */
    private <T> T inTransaction(String doing, Work<T> work) {
        try {
            try (Statement s = conn.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run();
                try (Statement s = conn.createStatement()) {
                    s.execute("COMMIT");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try (Statement s = conn.createStatement()) {
                    s.execute("ROLLBACK");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw SqliteErrors.wrap(target, doing, e);
        }
    }

    private int execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
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
