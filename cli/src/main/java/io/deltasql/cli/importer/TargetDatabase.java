package io.deltasql.cli.importer;

import io.deltasql.cli.output.SnapshotDocument;
import io.deltasql.cli.output.Snapshots;
import io.deltasql.cli.validation.GuideReport;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.store.validate.ValidationReport;
import io.deltasql.store.validate.Validator;
import io.deltasql.cli.validation.ValidationView;
import io.deltasql.log.DeltaLog;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreErrors;
import io.deltasql.store.StoreException;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.read.SqlSnapshot;
import io.deltasql.store.write.WriterOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import io.deltasql.log.Origin;
import io.deltasql.store.read.VersionInfo;
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

    /**
     * The writer. {@code groupCommit}: several whole versions per transaction (sink-writer's default
     * grouping), far fewer commits on a log of many small versions; a crash still loses only whole
     * uncommitted versions, which --resume re-imports. Off: exactly one transaction per version.
     */
    public VersionWriter writer(RegisteredTable table, boolean groupCommit) {
        return groupCommit ? store.writer(table, WriterOptions.defaults()) : store.writer(table);
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
        Snapshot fileSide = log.snapshot(version);
        SqlSnapshot sqlSide = sqlSnapshot(table, version);
        ValidationReport report = Validator.compare(table.name(), fileSide, sqlSide, log.checksum(version));
        return GuideReport.of(report, Snapshots.of(fileSide), Snapshots.of(sqlSide));
    }

    /** Head, versions, live state and provenance of an imported table (for {@code deltasql info}). */
    public TableInfo info(RegisteredTable table) {
        List<VersionInfo> history = store.queries().history(table);
        long head = store.queries().head(table.id());
        long checkpoints = history.stream().filter(v -> v.origin() == Origin.CHECKPOINT).count();
        SnapshotDocument latest = head >= 0 ? Snapshots.of(store.queries().latest(table)) : null;
        // Provenance columns are written by MetadataStore.importStarted/importFinished.
        String sql = store.names().sql("SELECT mode, last_imported_version, missing_ranges::text, "
                + "import_started_at::text, import_finished_at::text, tool_version FROM {s}.dl_tables WHERE table_id = ?");
        try (Connection c = MetadataStore.open(store.target()); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new TableInfo(table.name(), table.location(), head, history.size(),
                        history.isEmpty() ? null : history.get(0).version(), history.size() - checkpoints, checkpoints,
                        rs.getString(3), latest == null ? 0 : latest.numFiles(), latest == null ? 0 : latest.totalSize(),
                        latest == null ? null : "reader " + latest.minReaderVersion() + ", writer " + latest.minWriterVersion()
                                + (latest.readerFeatures().isEmpty() ? "" : ", reader features " + latest.readerFeatures())
                                + (latest.writerFeatures().isEmpty() ? "" : ", writer features " + latest.writerFeatures()),
                        latest == null ? null : latest.schemaString(),
                        latest == null ? List.of() : latest.partitionColumns(),
                        rs.getString(1), rs.getObject(2, Long.class), rs.getString(4), rs.getString(5), rs.getString(6));
            }
        } catch (SQLException e) {
            throw StoreErrors.wrap(store.target(), "reading the provenance of " + table.name(), e);
        }
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
