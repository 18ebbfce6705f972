package io.deltasql.cli.importer;

import io.deltasql.cli.output.SnapshotDocument;
import io.deltasql.cli.output.Snapshots;
import io.deltasql.cli.validation.SnapshotComparison;
import io.deltasql.cli.validation.ValidationView;
import io.deltasql.log.DeltaLog;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreErrors;
import io.deltasql.store.StoreException;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.read.SqlSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The CLI's one door to sink-writer: the store connection, table registration, the writer, SQL
 * snapshots and validation. Commands and the import runner see only this class, so the store's
 * API can evolve in one place.
 */
public final class TargetDatabase implements AutoCloseable {
    private final MetadataStore store;

    private TargetDatabase(MetadataStore store) {
        this.store = store;
    }

    /** Connects and creates or upgrades the dl_* schema (never used by --dry-run). */
    public static TargetDatabase connect(PgTarget target) {
        return new TargetDatabase(MetadataStore.connect(target));
    }

    public PgTarget target() {
        return store.target();
    }

    public Optional<RegisteredTable> find(String name) {
        return store.find(name);
    }

    /** The registered table, or a one-line error naming what exists. */
    public RegisteredTable require(String name) {
        return store.find(name).orElseThrow(() -> new StoreException("no imported table '" + name + "' in schema "
                + store.target().schema() + " at " + store.target().server() + ": run 'deltasql import' first"));
    }

    public RegisteredTable register(String name, String location, boolean force) {
        return store.register(name, location, force);
    }

    public void importStarted(RegisteredTable table, String mode) {
        String v = TargetDatabase.class.getPackage().getImplementationVersion();
        store.importStarted(table, mode, "deltasql " + (v == null ? "development" : v));
    }

    public void importFinished(RegisteredTable table, long head) {
        store.importFinished(table, head);
    }

    public VersionWriter writer(RegisteredTable table) {
        return store.writer(table);
    }

    public MetadataStore store() {
        return store;
    }

    public SqlSnapshot sqlSnapshot(RegisteredTable table, long version) {
        return store.queries().snapshotAt(table, version);
    }

    public SqlSnapshot sqlSnapshotAtTimestamp(RegisteredTable table, long epochMillis) {
        return store.queries().snapshotAtTimestamp(table, epochMillis);
    }

    /** The validation report at {@code version}: the log's replayed snapshot vs the SQL one. */
    public ValidationView validate(DeltaLog log, RegisteredTable table, long version) {
        SnapshotDocument fileSide = Snapshots.of(log.snapshot(version));
        SnapshotDocument sqlSide = Snapshots.of(sqlSnapshot(table, version));
        return SnapshotComparison.compare(fileSide, sqlSide);
    }

    /**
     * The head of an imported table WITHOUT changing anything: a read-only connection, no schema
     * migration; empty when the database, the schema or the table does not exist yet. For --dry-run.
     */
    public static OptionalLong peekHead(PgTarget target) {
        try (Connection c = MetadataStore.open(target)) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)")) {
                ps.setString(1, quote(target.schema()) + ".dl_tables");
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return OptionalLong.empty();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT head_version FROM " + quote(target.schema()) + ".dl_tables WHERE name = ?")) {
                ps.setString(1, target.table());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "reading the head (read-only, for --dry-run)", e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        store.close();
    }
}
