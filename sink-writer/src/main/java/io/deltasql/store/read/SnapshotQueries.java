package io.deltasql.store.read;

import io.deltasql.log.Origin;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.Txn;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreException;
import io.deltasql.store.schema.JsonColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Reads a table's state back from the dl_* tables: the snapshot at a version or a timestamp (one
 * indexed query per kind), the history, and a version's actions in log order (for the round trip).
 * The same statements serve both stores ({@link SqlDialect} fills in what differs); each query and
 * its plan is documented in docs/sql-model.md.
 */
public final class SnapshotQueries {
    /**
     * The files live at version v (bound: the table, then v for every other {@code ?}): added by v,
     * not ended by v in their row, nor by an end the writer has not settled into the row yet
     * ({@code {not_ended_at}}: PostgreSQL's dl_file_ends, schema V4; SQLite ends every row at once).
     * The primary key (table_id, added_version, …) bounds the scan.
     */
    static final String FILES_AT = "{s}.dl_add_files f WHERE f.table_id = ? AND f.added_version <= ? "
            + "AND (f.removed_version IS NULL OR f.removed_version > ?){not_ended_at}";
    /** Live files at v (time travel). */
    public static final String FILES_AT_SQL = "SELECT " + ActionRowReader.ADD_COLUMNS + " FROM " + FILES_AT
            + " ORDER BY path {binary}, dv_id {binary}";
    /** Live files at the head: the partial index dl_add_files_live (PostgreSQL) or the store's fastest way ({@link SqlDialect}). */
    public static final String FILES_LIVE_SQL = "SELECT " + ActionRowReader.ADD_COLUMNS + " FROM {live_files} "
            + "ORDER BY path {binary}, dv_id {binary}";
    /** The snapshot's files as {@link #stream} prints them: only the three columns, so the sort carries no stats or JSON. */
    static final String PATHS_AT_SQL = "SELECT path, size, dv_id FROM " + FILES_AT
            + " ORDER BY path {binary}, dv_id {binary}";
    static final String PATHS_LIVE_SQL = "SELECT path, size, dv_id FROM {live_files} "
            + "ORDER BY path {binary}, dv_id {binary}";
    static final String TOTALS_AT_SQL = "SELECT count(*), COALESCE(sum(size), 0) FROM " + FILES_AT;
    static final String TOTALS_LIVE_SQL = "SELECT count(*), COALESCE(sum(size), 0) FROM {live_files}";
    /** Rows a streamed snapshot fetches per round trip (PostgreSQL: a cursor, inside the read transaction). */
    static final int FETCH_ROWS = 10_000;
    /** The live files at the head for {@link #liveFileRows}: by column index, in no order. */
    static final String FILE_ROWS_LIVE_SQL = "SELECT " + ResultSetFileRow.COLUMNS + " FROM {live_files}";
    /** The live files at a version for {@link #liveFileRows}. */
    static final String FILE_ROWS_AT_SQL = "SELECT " + ResultSetFileRow.COLUMNS + " FROM " + FILES_AT;
    public static final String PROTOCOL_AT_SQL = "SELECT " + ActionRowReader.PROTOCOL_COLUMNS + " FROM {s}.dl_protocol_updates "
            + "WHERE table_id = ? AND version <= ? ORDER BY version DESC, ordinal DESC LIMIT 1";
    public static final String METADATA_AT_SQL = "SELECT " + ActionRowReader.METADATA_COLUMNS + " FROM {s}.dl_metadata_updates "
            + "WHERE table_id = ? AND version <= ? ORDER BY version DESC, ordinal DESC LIMIT 1";
    public static final String TXNS_AT_SQL = "SELECT " + ActionRowReader.TXN_COLUMNS + " FROM {s}.dl_txn_actions "
            + "WHERE table_id = ? AND version <= ? AND (superseded_version IS NULL OR superseded_version > ?) "
            + "ORDER BY version, ordinal";
    public static final String DOMAINS_AT_SQL = "SELECT " + ActionRowReader.DOMAIN_COLUMNS + " FROM {s}.dl_domain_metadata "
            + "WHERE table_id = ? AND version <= ? AND (superseded_version IS NULL OR superseded_version > ?) "
            + "ORDER BY version, ordinal";
    public static final String VERSION_AT_TIME_SQL = "SELECT version FROM {s}.dl_table_versions WHERE table_id = ? "
            + "AND COALESCE(in_commit_timestamp, timestamp_ms) <= ? ORDER BY version DESC LIMIT 1";

    private final Connection conn;
    private final SqlDialect dialect;

    public SnapshotQueries(Connection conn, SqlDialect dialect) {
        this.conn = conn;
        this.dialect = dialect;
    }

    /** The SQL of the named query as this store runs it (for EXPLAIN and docs). */
    public String sqlOf(String template) {
        return dialect.sql(template);
    }

    public SqlSnapshot latest(RegisteredTable table) {
        return snapshotAt(table, head(table));
    }

    /** The state after {@code version}; it must be a version the store holds (from the first one to the head). */
    public SqlSnapshot snapshotAt(RegisteredTable table, long version) {
        return snapshot(table, version, true, null);
    }

    /**
     * The state after {@code version} without its live files ({@code files()} is empty): time, protocol,
     * metaData, txns, domains. With {@link #liveFileRows} a reader fetches the files when, and as, it
     * needs them.
     */
    public SqlSnapshot stateAt(RegisteredTable table, long version) {
        return snapshot(table, version, false, null);
    }

    /**
     * {@link #stateAt} of a version whose commit time the caller has read already ({@link #versionTime}:
     * it exists): a reader loading it asks the store once for the time, not twice.
     */
    public SqlSnapshot stateAt(RegisteredTable table, long version, long timestamp) {
        return snapshot(table, version, false, timestamp);
    }

    /**
     * The commit time of {@code version} (its inCommitTimestamp where present), which must be a
     * version the store holds: what a reader checks before loading it, in one query.
     */
    public long versionTime(RegisteredTable table, long version) {
        try {
            return requireTimestamp(table, version);
        } catch (SQLException e) {
            throw dialect.wrap("reading version " + version + " of table " + table.name(), e);
        }
    }

    private long requireTimestamp(RegisteredTable table, long version) throws SQLException {
        Long timestamp = versionTimestamp(table.id(), version);
        if (timestamp == null) {
            throw noSuchVersion(table, version, head(table));
        }
        return timestamp;
    }

    /** The one-line error for a time before the table's first version: it names that version and its time. */
    private StoreException beforeFirstVersion(RegisteredTable table, long epochMillis) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql("SELECT version, COALESCE(in_commit_timestamp, timestamp_ms) "
                + "FROM {s}.dl_table_versions WHERE table_id = ? ORDER BY version LIMIT 1"))) {
            dialect.bindId(ps, 1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return noSuchVersion(table, -1, -1);
                }
                return new StoreException("table '" + table.name() + "' has no version at or before "
                        + java.time.Instant.ofEpochMilli(epochMillis) + " (" + epochMillis + " ms): its first version, "
                        + rs.getLong(1) + ", was committed at " + java.time.Instant.ofEpochMilli(rs.getLong(2)));
            }
        }
    }

    /** The one-line error for a version the store does not hold; a table with no version at all says so. */
    private StoreException noSuchVersion(RegisteredTable table, long version, long head) throws SQLException {
        if (head < 0) {
            return new StoreException("table '" + table.name() + "' in " + dialect.where() + " has no version yet: "
                    + "no import or sink has committed one (run 'deltasql import', or '--resume' one that stopped)");
        }
        return new StoreException("table '" + table.name() + "' has no version " + version + " in "
                + dialect.where() + " (head is " + head + ")" + firstVersionHint(table.id()));
    }

    /** The snapshot at {@code version}; {@code knownTimestamp} its time when the caller read it (else null: read and required here). */
    private SqlSnapshot snapshot(RegisteredTable table, long version, boolean withFiles, Long knownTimestamp) {
        String doing = "reading version " + version + " of table " + table.name();
        try {
            long timestamp = knownTimestamp != null ? knownTimestamp : requireTimestamp(table, version);
            Protocol protocol = single(PROTOCOL_AT_SQL, table.id(), version, ActionRowReader::protocol);
            Metadata metadata = single(METADATA_AT_SQL, table.id(), version, ActionRowReader::metadata);
            List<AddFile> files = new ArrayList<>();
            if (withFiles) {
                liveFiles(table.id(), version, version == head(table), files::add);
            }
            Map<String, Txn> txns = new TreeMap<>();
            each(TXNS_AT_SQL, table.id(), version, true, rs -> {
                Txn t = ActionRowReader.txn(rs);
                txns.put(t.appId(), t);
            });
            Map<String, DomainMetadata> domains = new TreeMap<>();
            each(DOMAINS_AT_SQL, table.id(), version, true, rs -> {
                DomainMetadata d = ActionRowReader.domain(rs);
                if (d.isRemoved()) {
                    domains.remove(d.domain());
                } else {
                    domains.put(d.domain(), d);
                }
            });
            return new SqlSnapshot(version, timestamp, protocol, metadata, files, txns, domains);
        } catch (SQLException e) {
            throw dialect.wrap(doing, e);
        }
    }

    /**
     * Streams the snapshot {@code at} selects to {@code sink}: its head, then at most
     * {@code maxFiles} files (negative: all) in (path, dv id) order (or none: {@link SnapshotStream#ordered}),
     * each straight from the cursor,
     * so memory stays flat whatever the file count. Everything is read in one read transaction
     * (PostgreSQL: REPEATABLE READ), so the count in the head is the count of the files that
     * follow, even while an import moves the head.
     */
    public void stream(RegisteredTable table, SnapshotStream.At at, long maxFiles, SnapshotStream sink) {
        String doing = "reading a snapshot of table " + table.name();
        try {
            boolean autoCommit = conn.getAutoCommit();
            conn.setAutoCommit(false);
            try {
                dialect.beginConsistentRead(conn);
                long head = head(table);
                long version = head;
                if (at instanceof SnapshotStream.Version v) {
                    version = v.version();
                } else if (at instanceof SnapshotStream.Time t) {
                    version = versionAtTimestamp(table, t.epochMillis());
                }
                doing = "reading version " + version + " of table " + table.name();
                Long timestamp = versionTimestamp(table.id(), version);
                if (timestamp == null) {
                    throw noSuchVersion(table, version, head);
                }
                boolean live = version == head;
                Protocol protocol = single(PROTOCOL_AT_SQL, table.id(), version, ActionRowReader::protocol);
                Metadata metadata = single(METADATA_AT_SQL, table.id(), version, ActionRowReader::metadata);
                // Both statements read every live file: the store's fastest way for this table, chosen once.
                UnaryOperator<String> allLive = live ? dialect.allLiveFiles(conn, table.id()) : dialect::sql;
                long[] totals = new long[2];
                files(allLive.apply(live ? TOTALS_LIVE_SQL : TOTALS_AT_SQL), table.id(), version, 0, rs -> {
                    totals[0] = rs.getLong(1);
                    totals[1] = rs.getLong(2);
                });
                sink.head(new SnapshotStream.Head(version, timestamp, protocol, metadata, totals[0], totals[1]));
                long limit = maxFiles < 0 ? totals[0] : Math.min(maxFiles, totals[0]);
                if (limit > 0) {
                    String paths = live ? PATHS_LIVE_SQL : PATHS_AT_SQL;
                    if (!sink.ordered()) {
                        paths = paths.substring(0, paths.indexOf(" ORDER BY"));
                    }
                    String sql = allLive.apply(paths + (limit < totals[0] ? " LIMIT " + limit : ""));
                    files(sql, table.id(), version, FETCH_ROWS, rs -> {
                        String dv = rs.getString(3);
                        sink.file(rs.getString(1), rs.getLong(2), dv == null || dv.isEmpty() ? null : dv);
                    });
                }
                conn.commit();
            } finally {
                if (autoCommit) {
                    conn.rollback();
                    conn.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw dialect.wrap(doing, e);
        }
    }

    /** The snapshot of the latest version whose time (inCommitTimestamp where present) is ≤ {@code epochMillis}. */
    public SqlSnapshot snapshotAtTimestamp(RegisteredTable table, long epochMillis) {
        return snapshotAt(table, versionAtTimestamp(table, epochMillis));
    }

    public long versionAtTimestamp(RegisteredTable table, long epochMillis) {
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql(VERSION_AT_TIME_SQL))) {
            dialect.bindId(ps, 1, table.id());
            ps.setLong(2, epochMillis);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw beforeFirstVersion(table, epochMillis);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw dialect.wrap("finding the version of " + table.name() + " at " + epochMillis, e);
        }
    }

    /**
     * Streams the live files at {@code version} (sorted by path, dv id) without holding them, in
     * one read transaction: a cursor fetches them in pages.
     */
    public void liveFiles(RegisteredTable table, long version, Consumer<AddFile> sink) {
        try {
            liveFiles(table.id(), version, version == head(table), sink);
        } catch (SQLException e) {
            throw dialect.wrap("reading the files of version " + version + " of table " + table.name(), e);
        }
    }

    private void liveFiles(UUID tableId, long version, boolean isHead, Consumer<AddFile> sink) throws SQLException {
        String template = isHead ? FILES_LIVE_SQL : FILES_AT_SQL;
        boolean autoCommit = conn.getAutoCommit();
        conn.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
        String sql = dialect.sql(template);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setFetchSize(10_000);
            bindFiles(ps, sql, tableId, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(ActionRowReader.add(rs));
                }
            }
            conn.commit();
        } finally {
            if (autoCommit) {
                conn.rollback();
                conn.setAutoCommit(true);
            }
        }
    }

    /**
     * The live files at {@code version}, in no order, each row to {@code sink} as it is read — with
     * its stats when {@code withStats} — field by field ({@link LiveFileRow}): for a reader that copies
     * them into columns and needs no {@link AddFile}. One read transaction, fetched in pages.
     */
    public void liveFileRows(RegisteredTable table, long version, boolean withStats, Consumer<LiveFileRow> sink) {
        String doing = "reading the files of version " + version + " of table " + table.name();
        try {
            boolean autoCommit = conn.getAutoCommit();
            conn.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
            try {
                if (autoCommit) {
                    // The head, the store's choice for it and the files from one state (PostgreSQL: REPEATABLE READ).
                    dialect.beginConsistentRead(conn);
                }
                boolean live = version == head(table);
                String template = live ? FILE_ROWS_LIVE_SQL : FILE_ROWS_AT_SQL;
                if (!withStats) {
                    template = template.replace(ResultSetFileRow.COLUMNS, ResultSetFileRow.COLUMNS_WITHOUT_STATS);
                }
                if (live) {
                    template = dialect.allLiveFiles(conn, table.id()).apply(template);
                }
                files(template, table.id(), version, FETCH_ROWS, new RowConsumer() {
                    private ResultSetFileRow row;

                    @Override
                    public void accept(ResultSet rs) {
                        if (row == null) {
                            row = new ResultSetFileRow(rs);
                        }
                        sink.accept(row);
                    }
                });
                conn.commit();
            } finally {
                if (autoCommit) {
                    conn.rollback();
                    conn.setAutoCommit(true);
                }
            }
        } catch (ResultSetFileRow.Failure e) {
            throw dialect.wrap(doing, e.getCause());
        } catch (SQLException e) {
            throw dialect.wrap(doing, e);
        }
    }

    /** The versions of the table, oldest first, with their commitInfo. */
    public List<VersionInfo> history(RegisteredTable table) {
        // The version's first commitInfo: a correlated min(ordinal) on the primary key (both stores; no LATERAL in SQLite).
        String sql = dialect.sql("SELECT v.version, v.origin, v.timestamp_ms, v.in_commit_timestamp, v.operation, v.status, "
                + "v.action_count, v.add_count, v.remove_count, v.metadata_count, v.protocol_count, v.txn_count, "
                + "v.commit_info_count, v.cdc_count, v.domain_metadata_count, v.other_count, "
                + "c.timestamp_ms AS ci_timestamp, c.in_commit_timestamp AS ci_ict, c.operation AS ci_operation, c.extra AS ci_extra "
                + "FROM {s}.dl_table_versions v LEFT JOIN {s}.dl_commit_infos c ON c.table_id = v.table_id "
                + "AND c.version = v.version AND c.ordinal = (SELECT min(m.ordinal) FROM {s}.dl_commit_infos m "
                + "WHERE m.table_id = v.table_id AND m.version = v.version) "
                + "WHERE v.table_id = ? ORDER BY v.version");
        List<VersionInfo> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            dialect.bindId(ps, 1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<ActionType, Long> counts = new EnumMap<>(ActionType.class);
                    counts.put(ActionType.ADD, rs.getLong("add_count"));
                    counts.put(ActionType.REMOVE, rs.getLong("remove_count"));
                    counts.put(ActionType.METADATA, rs.getLong("metadata_count"));
                    counts.put(ActionType.PROTOCOL, rs.getLong("protocol_count"));
                    counts.put(ActionType.TXN, rs.getLong("txn_count"));
                    counts.put(ActionType.COMMIT_INFO, rs.getLong("commit_info_count"));
                    counts.put(ActionType.CDC, rs.getLong("cdc_count"));
                    counts.put(ActionType.DOMAIN_METADATA, rs.getLong("domain_metadata_count"));
                    counts.put(ActionType.UNKNOWN, rs.getLong("other_count"));
                    CommitInfo ci = null;
                    if (rs.getObject("ci_timestamp") != null || rs.getObject("ci_operation") != null
                            || rs.getObject("ci_extra") != null || rs.getObject("ci_ict") != null) {
                        ci = new CommitInfo(ActionRowReader.lng(rs, "ci_timestamp"), ActionRowReader.lng(rs, "ci_ict"),
                                rs.getString("ci_operation"), JsonColumns.object(rs.getString("ci_extra")));
                    }
                    Long ict = ActionRowReader.lng(rs, "in_commit_timestamp");
                    out.add(new VersionInfo(rs.getLong("version"),
                            "checkpoint".equals(rs.getString("origin")) ? Origin.CHECKPOINT : Origin.COMMIT,
                            rs.getLong("timestamp_ms"), ict, rs.getString("operation"), rs.getString("status"),
                            rs.getLong("action_count"), counts, ci));
                }
            }
        } catch (SQLException e) {
            throw dialect.wrap("reading the history of " + table.name(), e);
        }
        return out;
    }

    /**
     * The actions of one version in log order (by ordinal), re-created from their rows: with
     * {@code ActionCodec.toJson} this is the original commit. Holds the version in memory.
     */
    public List<Action> actionsOf(RegisteredTable table, long version) {
        return actionsOf(table, version, version).getOrDefault(version, List.of());
    }

    /** A kind of action: its dl_* table, the column of its version, its columns, how a row becomes one, its count in dl_table_versions. */
    private record ActionKind(String table, String versionColumn, String columns, RowMapper<? extends Action> mapper, String countColumn) {
    }

    private static final List<ActionKind> ACTION_KINDS = List.of(
            new ActionKind("dl_add_files", "added_version", ActionRowReader.ADD_COLUMNS, ActionRowReader::add, "add_count"),
            new ActionKind("dl_remove_files", "version", ActionRowReader.REMOVE_COLUMNS, ActionRowReader::remove, "remove_count"),
            new ActionKind("dl_metadata_updates", "version", ActionRowReader.METADATA_COLUMNS, ActionRowReader::metadata, "metadata_count"),
            new ActionKind("dl_protocol_updates", "version", ActionRowReader.PROTOCOL_COLUMNS, ActionRowReader::protocol, "protocol_count"),
            new ActionKind("dl_txn_actions", "version", ActionRowReader.TXN_COLUMNS, ActionRowReader::txn, "txn_count"),
            new ActionKind("dl_domain_metadata", "version", ActionRowReader.DOMAIN_COLUMNS, ActionRowReader::domain, "domain_metadata_count"),
            new ActionKind("dl_cdc_files", "version", ActionRowReader.CDC_COLUMNS, ActionRowReader::cdc, "cdc_count"),
            new ActionKind("dl_commit_infos", "version", ActionRowReader.COMMIT_INFO_COLUMNS, ActionRowReader::commitInfo, "commit_info_count"),
            new ActionKind("dl_other_actions", "version", ActionRowReader.OTHER_COLUMNS, ActionRowReader::other, "other_count"));

    /**
     * A version as a reader replaying commits needs it: when it was committed (its inCommitTimestamp
     * where present), how many actions it has, and whether it is a commit (not a checkpoint base).
     */
    public record VersionStamp(long version, long timestampMs, long actions, boolean commit) {
    }

    /** The versions {@code from} to {@code to} the store holds, oldest first. */
    public List<VersionStamp> versionStamps(RegisteredTable table, long from, long to) {
        List<VersionStamp> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql("SELECT version, COALESCE(in_commit_timestamp, timestamp_ms), "
                + "action_count, origin FROM {s}.dl_table_versions WHERE table_id = ? AND version >= ? AND version <= ? ORDER BY version"))) {
            dialect.bindId(ps, 1, table.id());
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new VersionStamp(rs.getLong(1), rs.getLong(2), rs.getLong(3), !"checkpoint".equals(rs.getString(4))));
                }
            }
        } catch (SQLException e) {
            throw dialect.wrap("reading versions " + from + " to " + to + " of " + table.name(), e);
        }
        return out;
    }

    /**
     * The actions of the versions {@code from} to {@code to}, each version's in log order: one query
     * per kind of action the versions hold (their counts in dl_table_versions say which: a commit of
     * adds and removes costs three queries, not nine) for the whole range — {@link #actionsOf(RegisteredTable, long)}
     * of each, in fewer round trips. Holds the versions in memory; a version without actions is absent.
     */
    public Map<Long, List<Action>> actionsOf(RegisteredTable table, long from, long to) {
        Map<Long, List<Map.Entry<Integer, Action>>> byVersion = new TreeMap<>();
        try {
            long[] held = kindsHeld(table.id(), from, to);
            for (int k = 0; k < ACTION_KINDS.size(); k++) {
                ActionKind kind = ACTION_KINDS.get(k);
                if (held[k] > 0) {
                    collect(byVersion, kind.table(), kind.versionColumn(), kind.columns(), table.id(), from, to, kind.mapper());
                }
            }
        } catch (SQLException e) {
            throw dialect.wrap("reading the actions of " + (from == to ? "version " + from : "versions " + from + " to " + to)
                    + " of " + table.name(), e);
        }
        Map<Long, List<Action>> out = new TreeMap<>();
        byVersion.forEach((version, all) -> {
            all.sort(Comparator.comparingInt(Map.Entry::getKey));
            List<Action> actions = new ArrayList<>(all.size());
            all.forEach(e -> actions.add(e.getValue()));
            out.put(version, actions);
        });
        return out;
    }

    /** How many actions of each of {@link #ACTION_KINDS} the versions hold. */
    private long[] kindsHeld(UUID tableId, long from, long to) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int k = 0; k < ACTION_KINDS.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append("COALESCE(sum(").append(ACTION_KINDS.get(k).countColumn()).append("), 0)");
        }
        sql.append(" FROM {s}.dl_table_versions WHERE table_id = ? AND version >= ? AND version <= ?");
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql(sql.toString()))) {
            dialect.bindId(ps, 1, tableId);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long[] held = new long[ACTION_KINDS.size()];
                for (int k = 0; k < held.length; k++) {
                    held[k] = rs.getLong(k + 1);
                }
                return held;
            }
        }
    }

    /** A version and its commit time (its inCommitTimestamp where present). */
    public record VersionTime(long version, long timestampMs) {
    }

    /**
     * The head and its commit time in one query: what a reader of the latest version asks before each
     * load (an engine re-opening the latest snapshot per query asks it most). A table with no version
     * yet, or gone, gets the one-line error {@link #head} and {@link #versionTime} give.
     */
    public VersionTime headTime(RegisteredTable table) {
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql("SELECT t.head_version, COALESCE(v.in_commit_timestamp, v.timestamp_ms) "
                + "FROM {s}.dl_tables t JOIN {s}.dl_table_versions v ON v.table_id = t.table_id AND v.version = t.head_version "
                + "WHERE t.table_id = ?"))) {
            dialect.bindId(ps, 1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new VersionTime(rs.getLong(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw dialect.wrap("reading the head of " + table.name(), e);
        }
        long head = head(table);
        return new VersionTime(head, versionTime(table, head)); // no such row: versionTime's one-line error
    }

    /** The table's head (−1 before any version). */
    public long head(RegisteredTable table) {
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql("SELECT head_version FROM {s}.dl_tables WHERE table_id = ?"))) {
            dialect.bindId(ps, 1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("table '" + table.name() + "' (" + table.id() + ") is no longer in "
                            + dialect.where() + " — was it deleted?");
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw dialect.wrap("reading the head of " + table.name(), e);
        }
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private void collect(Map<Long, List<Map.Entry<Integer, Action>>> out, String table, String versionColumn, String columns,
                         UUID tableId, long from, long to, RowMapper<? extends Action> mapper) throws SQLException {
        String sql = dialect.sql("SELECT " + versionColumn + ", ordinal, " + columns + " FROM {s}." + table + " WHERE table_id = ? AND "
                + versionColumn + " >= ? AND " + versionColumn + " <= ?");
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            dialect.bindId(ps, 1, tableId);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), v -> new ArrayList<>())
                            .add(new AbstractMap.SimpleImmutableEntry<>(rs.getInt(2), mapper.map(rs)));
                }
            }
        }
    }

    private <T> T single(String template, UUID tableId, long version, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql(template))) {
            dialect.bindId(ps, 1, tableId);
            ps.setLong(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? mapper.map(rs) : null;
            }
        }
    }

    /**
     * A query on a version's files: the live ones (bound: the table) or those at {@code version}
     * ({@link #bindFiles}); {@code fetchRows} > 0 fetches in pages of that many rows (PostgreSQL: only
     * with autocommit off).
     */
    private void files(String template, UUID tableId, long version, int fetchRows, RowConsumer consumer)
            throws SQLException {
        String sql = dialect.sql(template);
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            if (fetchRows > 0) {
                ps.setFetchSize(fetchRows);
            }
            bindFiles(ps, sql, tableId, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(rs);
                }
            }
        }
    }

    /**
     * Binds a files query: the table to its first {@code ?}, the version to every other. How many
     * there are is the store's ({@code {live_files}} has none, {@link #FILES_AT} two or three), and no
     * template has a {@code ?} that is not a parameter.
     */
    private void bindFiles(PreparedStatement ps, String sql, UUID tableId, long version) throws SQLException {
        dialect.bindId(ps, 1, tableId);
        int parameters = 0;
        for (int i = sql.indexOf('?'); i >= 0; i = sql.indexOf('?', i + 1)) {
            parameters++;
        }
        for (int p = 2; p <= parameters; p++) {
            ps.setLong(p, version);
        }
    }

    private void each(String template, UUID tableId, long version, boolean twice, RowConsumer consumer) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql(template))) {
            dialect.bindId(ps, 1, tableId);
            ps.setLong(2, version);
            if (twice) {
                ps.setLong(3, version);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(rs);
                }
            }
        }
    }

    private Long versionTimestamp(UUID tableId, long version) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql("SELECT COALESCE(in_commit_timestamp, timestamp_ms) "
                + "FROM {s}.dl_table_versions WHERE table_id = ? AND version = ?"))) {
            dialect.bindId(ps, 1, tableId);
            ps.setLong(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private String firstVersionHint(UUID tableId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(dialect.sql("SELECT min(version) FROM {s}.dl_table_versions WHERE table_id = ?"))) {
            dialect.bindId(ps, 1, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    return "; the store holds versions from " + rs.getLong(1)
                            + " (earlier ones were before a checkpoint or in a missing range)";
                }
            }
        }
        return "";
    }
}
