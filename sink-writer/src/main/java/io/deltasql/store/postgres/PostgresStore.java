package io.deltasql.store.postgres;

import io.deltasql.log.VersionRange;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreErrors;
import io.deltasql.store.StoreException;
import io.deltasql.store.TableBusyException;
import io.deltasql.store.TableProvenance;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.schema.JsonColumns;
import io.deltasql.store.schema.SchemaMigrator;
import io.deltasql.store.schema.SchemaVersion;
import io.deltasql.store.schema.SqlNames;
import io.deltasql.store.write.WriterOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The {@link MetadataStore} in one PostgreSQL schema: connects, creates or upgrades the schema
 * (Flyway) on first use, registers Delta tables, records import provenance, hands out writers and
 * read queries. Holds one connection (autocommit) for its own statements; each writer gets its own
 * connection, which carries the writer's table lock.
 */
public final class PostgresStore implements MetadataStore {
    /** SQLSTATE undefined_table and invalid_schema_name: the history table or its schema is missing. */
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String INVALID_SCHEMA = "3F000";

    private final PgTarget target;
    private final SqlNames names;
    private final Connection conn;
    private final boolean readOnly;
    /** Whether the schema has dl_file_ends (V4): a read-only store of V2 or V3 is read as it is, and has no pending ends. */
    private final boolean fileEnds;

    private PostgresStore(PgTarget target, Connection conn, boolean readOnly, boolean fileEnds) {
        this.target = target;
        this.names = new SqlNames(target.schema());
        this.conn = conn;
        this.readOnly = readOnly;
        this.fileEnds = fileEnds;
    }

    /** Connects to the target and runs pending schema migrations in its schema. */
    public static PostgresStore connect(PgTarget target) {
        Connection c = open(target);
        try {
            SchemaMigrator.migrate(target, c);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        return new PostgresStore(target, c, false, true);
    }

    /**
     * Connects for reading only: no Flyway, nothing created. One query reads the schema version from
     * dl_schema_history; a schema older than this code's is refused ({@link SchemaVersion#outdated},
     * naming the upgrade), a schema without dl_* tables is "not imported". Transactions on this
     * connection are READ ONLY; the write methods refuse.
     */
    public static PostgresStore openReadOnly(PgTarget target) {
        Connection c = open(target);
        boolean fileEnds;
        try {
            c.setReadOnly(true);
            fileEnds = requireReadableSchema(target, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw StoreErrors.wrap(target, "reading the schema version", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        return new PostgresStore(target, c, true, fileEnds);
    }

    /** Refuses a schema read commands cannot read; returns whether it has dl_file_ends (V4). */
    private static boolean requireReadableSchema(PgTarget target, Connection c) throws SQLException {
        SqlNames names = new SqlNames(target.schema());
        String where = "schema " + target.schema() + " at " + target.server();
        List<String> applied = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(names.sql(SchemaVersion.APPLIED_SQL))) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState()) && !INVALID_SCHEMA.equals(e.getSQLState())) {
                throw e;
            }
            // No history of deltasql's own: either nothing was imported, or dl_* tables recorded elsewhere
            // (a schema adopted from flyway_schema_history) that an import would adopt.
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                ps.setString(1, names.sql("{s}.dl_tables"));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        throw SchemaVersion.outdated(where, "no " + SchemaMigrator.HISTORY_TABLE, SchemaVersion.POSTGRES_READABLE,
                                target.uri());
                    }
                }
            }
            throw SchemaVersion.notImported(where, target.table() == null ? "" : target.table());
        }
        SchemaVersion.requireCurrent(applied, SchemaVersion.POSTGRES_READABLE, where, target.uri());
        return SchemaVersion.reaches(applied, SchemaVersion.POSTGRES_FILE_ENDS);
    }

    private void requireWritable(String doing) {
        if (readOnly) {
            throw new IllegalStateException("the store was opened read-only: cannot go on " + doing);
        }
    }

    /** A new connection to the target (autocommit), errors as one line. */
    public static Connection open(PgTarget target) {
        try {
            return DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "connecting", e);
        }
    }

    @Override
    public PgTarget target() {
        return target;
    }

    public SqlNames names() {
        return names;
    }

    @Override
    public RegisteredTable register(String name, String location, boolean force) {
        requireWritable("registering table " + name);
        return inTransaction("registering table " + name, () -> {
            // Twice at most: a concurrent registration of a new name makes our insert a no-op; then
            // the name exists and the second round treats it like any existing registration.
            for (int round = 0; round < 2; round++) {
                Optional<RegisteredTable> existing = find(name, false);
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
                    TableLock.lockTransaction(conn, target, t);
                    if (find(name, true).filter(again -> again.id().equals(t.id())).isEmpty()) {
                        continue; // replaced meanwhile by another registration: look again
                    }
                    try (PreparedStatement ps = conn.prepareStatement(names.sql("DELETE FROM {s}.dl_tables WHERE table_id = ?"))) {
                        ps.setObject(1, t.id());
                        ps.executeUpdate();
                    }
                    id = t.id(); // the same id keeps the same writer lock, so a writer starting on it still meets ours
                }
                try (PreparedStatement ps = conn.prepareStatement(names.sql(
                        "INSERT INTO {s}.dl_tables (table_id, name, location) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING"))) {
                    ps.setObject(1, id);
                    ps.setString(2, name);
                    ps.setString(3, location);
                    if (ps.executeUpdate() == 1) {
                        return new RegisteredTable(id, name, location, -1);
                    }
                }
            }
            throw new TableBusyException("table '" + name + "' is being registered by another deltasql writer at "
                    + target.server() + "; only one writer per table — wait for it to finish or stop it");
        });
    }

    /**
     * Throws {@link TableBusyException}, naming the writer, when a writer has {@code table} now (an
     * import still running); returns otherwise. Changes nothing.
     */
    @Override
    public void requireNoWriter(RegisteredTable table) {
        inTransaction("checking for a writer of table " + table.name(), () -> {
            TableLock.lockTransaction(conn, target, table); // released at once, by the commit
            return null;
        });
    }

    @Override
    public Optional<RegisteredTable> find(String name) {
        try {
            return find(name, false);
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "looking up table " + name, e);
        }
    }

    private Optional<RegisteredTable> find(String name, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(names.sql(
                "SELECT table_id, name, location, head_version FROM {s}.dl_tables WHERE name = ?"
                        + (forUpdate ? " FOR UPDATE" : "")))) {
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

    /** Deletes the table and every row of it (dl_tables' delete trigger and cascade). Returns whether it existed. */
    @Override
    public boolean delete(String name) {
        requireWritable("deleting table " + name);
        try (PreparedStatement ps = conn.prepareStatement(names.sql("DELETE FROM {s}.dl_tables WHERE name = ?"))) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "deleting table " + name, e);
        }
    }

    @Override
    public void importStarted(RegisteredTable table, String mode, String toolVersion) {
        requireWritable("recording an import");
        execute("recording the import start of " + table.name(), "UPDATE {s}.dl_tables SET mode = ?, tool_version = ?, "
                + "import_started_at = now(), import_finished_at = NULL, updated_at = now() WHERE table_id = ?",
                mode, toolVersion, table.id());
    }

    @Override
    public void importFinished(RegisteredTable table, long lastImportedVersion) {
        requireWritable("recording an import");
        execute("recording the import end of " + table.name(), "UPDATE {s}.dl_tables SET last_imported_version = ?, "
                + "import_finished_at = now(), updated_at = now() WHERE table_id = ?", lastImportedVersion, table.id());
    }

    @Override
    public TableProvenance provenance(RegisteredTable table) {
        try (PreparedStatement ps = conn.prepareStatement(names.sql("SELECT mode, last_imported_version, "
                + "missing_ranges::text, import_started_at, import_finished_at, tool_version FROM {s}.dl_tables WHERE table_id = ?"))) {
            ps.setObject(1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("table '" + table.name() + "' is no longer in schema " + names.schema()
                            + " at " + target.server() + " — was it deleted?");
                }
                long last = rs.getLong(2);
                return new TableProvenance(rs.getString(1), rs.wasNull() ? null : last, ranges(rs.getString(3)),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getString(6));
            }
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "reading the provenance of " + table.name(), e);
        }
    }

    /** {@code [{"from": 7, "to": 9}, …]} as stored in missing_ranges (both stores write this shape). */
    public static List<VersionRange> ranges(String json) {
        List<VersionRange> out = new ArrayList<>();
        if (json != null) {
            JsonColumns.node(json).forEach(r -> out.add(new VersionRange(r.get("from").asLong(), r.get("to").asLong())));
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public PgVersionWriter writer(RegisteredTable table) {
        return writer(table, WriterOptions.defaults().perVersion());
    }

    @Override
    public PgVersionWriter writer(RegisteredTable table, WriterOptions options) {
        requireWritable("writing table " + table.name());
        return PgVersionWriter.open(open(target), target, names, table, options);
    }

    /** Snapshot, time-travel and history queries on this store's connection. */
    @Override
    public SnapshotQueries queries() {
        return new SnapshotQueries(conn, new PgDialect(target, names, fileEnds));
    }

    /**
     * The head of the target's table WITHOUT changing anything: a read-only connection, no schema
     * migration; empty when the schema or the table does not exist yet. For --dry-run.
     */
    public static OptionalLong peekHead(PgTarget target) {
        SqlNames names = new SqlNames(target.schema());
        try (Connection c = open(target)) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)")) {
                ps.setString(1, names.sql("{s}.dl_tables"));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return OptionalLong.empty();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(names.sql("SELECT head_version FROM {s}.dl_tables WHERE name = ?"))) {
                ps.setString(1, target.table());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "reading the head (read-only, for --dry-run)", e);
        }
    }

    /**
     * Creates the target's database through the server's maintenance database ({@code postgres})
     * when it is missing, with the target's credentials. Returns a note when it did, else null.
     */
    public static String createDatabaseIfMissing(PgTarget target) {
        PgTarget admin = target.withDatabase("postgres");
        try (Connection c = open(admin);
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, target.database());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return null;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + SqlNames.quote(target.database()));
            }
            return "created database " + target.database() + " on " + target.host() + ":" + target.port();
        } catch (SQLException e) {
            throw StoreErrors.wrap(admin, "creating the database " + target.database(), e);
        }
    }

    /** Opens and closes one connection (no migration); a failure is a one-line {@link StoreException}. */
    public static void checkReachable(PgTarget target) {
        try (Connection c = open(target)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "checking the connection", e);
        }
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
