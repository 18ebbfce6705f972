package io.deltasql.store.postgres;

import io.deltasql.store.schema.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * A writer's file ends as rows (schema V4): each end of a file added in an earlier group is
 * inserted into dl_file_ends, which every read anti-joins, and {@link #settle} later writes the
 * table's pending ends into their add rows in one set-based statement and deletes them.
 *
 * <p>Why: ending a file's row at once cost ~42 us of server time per end (a probe of a unique md5
 * live index, then a whole new ~700-byte tuple) and that index ~5.6 us per add, the largest part of
 * a long import's server time; an inserted end is a few microseconds, and the settle finds the rows
 * by one hash join instead of a probe each. See docs/sql-model.md, "Writing a version".
 */
final class PendingFileEnds {
    /**
     * Pending ends written into the add rows they end, and deleted. An add row is ended by the first
     * pending end of its key after the version that added it (a key has one live row at a time).
     * Run under {@link #SETTLE_SETTINGS}: the table's pending ends are hashed, its live rows (the live
     * index, in heap order) probe them, and the updates reach the rows by a hash join on ctid. The
     * statistics are always stale after an import (a new table has none, and autovacuum may be off),
     * and a nested loop chosen on them is quadratic here — for each end every live row, or for each
     * row a linear search of a {@code ctid = ANY (…)} array (PostgreSQL hashes only constant ones):
     * 250,000 ends ran for minutes that way; a merge join sorted every live row on disk.
     */
    private static final String SETTLE = "WITH ended AS MATERIALIZED (DELETE FROM {s}.dl_file_ends WHERE table_id = ? "
            + "RETURNING path, dv_id, removed_version), "
            + "firsts AS MATERIALIZED (SELECT f.ctid AS tid, min(e.removed_version) AS v FROM ended e "
            + "JOIN {s}.dl_add_files f ON COALESCE(f.path_key, f.path) = e.path AND f.dv_id = e.dv_id "
            + "AND f.added_version < e.removed_version "
            + "WHERE f.table_id = ? AND f.removed_version IS NULL GROUP BY f.ctid) "
            + "UPDATE {s}.dl_add_files t SET removed_version = firsts.v FROM firsts "
            + "WHERE t.table_id = ? AND t.removed_version IS NULL AND t.ctid = firsts.tid";
    /**
     * The settle's planner settings, for its one statement ({@code SET LOCAL}, then back): hash joins
     * only; the work memory to hash a million pending ends without spilling (PostgreSQL's 4 MB
     * default split 517,773 of them into batches on disk); no JIT, whose compile of this plan's
     * expressions costs more than it saves.
     */
    private static final String[][] SETTLE_SETTINGS = {
        {"enable_nestloop", "off"}, {"enable_mergejoin", "off"}, {"work_mem", "64MB"}, {"jit", "off"}};
    /** The table's pending ends, and (bounded) its rows with an open end: whether a settle pays for its scan. */
    private static final String PENDING_SQL = "SELECT count(*) FROM {s}.dl_file_ends WHERE table_id = ?";
    private static final String OPEN_ROWS_UP_TO_SQL = "SELECT count(*) FROM (SELECT 1 FROM {s}.dl_add_files "
            + "WHERE table_id = ? AND removed_version IS NULL LIMIT ?) r";
    /**
     * At a close, pending ends are settled when there are more than one per this many rows with an
     * open end: a settle reads every such row of the table, so a few ends (a small resume, a sink's
     * trickle) wait for more, and readers hash at most that share of the rows they read.
     */
    static final long OPEN_ROWS_PER_END = 8;
    /** While a writer runs, its pending ends are settled once this many accumulate (what a reader hashes meanwhile). */
    static final long SETTLE_AT = 1_000_000;

    private final Connection conn;
    private final UUID tableId;
    private final String insert;
    private final String settle;
    private final String pending;
    private final String openRowsUpTo;
    /** Ends inserted since the last settle (rolled-back ones included: they only bring the next settle closer). */
    private long inserted;

    PendingFileEnds(Connection conn, SqlNames names, UUID tableId) {
        this.conn = conn;
        this.tableId = tableId;
        this.insert = names.sql("INSERT INTO {s}.dl_file_ends (table_id, path, dv_id, removed_version) "
                + "SELECT ?, k.path, k.dv_id, k.v FROM unnest(?::text[], ?::text[], ?::bigint[]) AS k(path, dv_id, v)");
        this.settle = names.sql(SETTLE);
        this.pending = names.sql(PENDING_SQL);
        this.openRowsUpTo = names.sql(OPEN_ROWS_UP_TO_SQL);
    }

    /** Inserts a group's file ends (each key with its first ending version in the group). */
    void insert(List<IntervalRows.DatabaseEnd> ends) throws SQLException {
        String[] paths = new String[ends.size()];
        String[] dvIds = new String[ends.size()];
        Long[] versions = new Long[ends.size()];
        for (int i = 0; i < ends.size(); i++) {
            String key = ends.get(i).key();
            int nul = key.indexOf('\0'); // ActionColumns.fileKey: path NUL dv_id
            paths[i] = key.substring(0, nul);
            dvIds[i] = key.substring(nul + 1);
            versions[i] = ends.get(i).version();
        }
        try (PreparedStatement ps = conn.prepareStatement(insert)) {
            ps.setObject(1, tableId);
            ps.setArray(2, conn.createArrayOf("text", paths));
            ps.setArray(3, conn.createArrayOf("text", dvIds));
            ps.setArray(4, conn.createArrayOf("bigint", versions));
            ps.executeUpdate();
        }
        inserted += ends.size();
    }

    /** Whether enough file ends are pending that the next send should {@link #settle} them. */
    boolean manyPending() {
        return inserted >= SETTLE_AT;
    }

    /**
     * Whether the table's pending ends (this writer's and any a writer before it left) are worth a
     * settle at a close: more than one per {@link #OPEN_ROWS_PER_END} rows with an open end. Both
     * counts cost at most a scan of the pending ends and that many index entries.
     */
    boolean worthSettling() throws SQLException {
        long ends = count(pending, -1);
        return ends > 0 && count(openRowsUpTo, ends * OPEN_ROWS_PER_END) < ends * OPEN_ROWS_PER_END;
    }

    private long count(String sql, long limit) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setObject(1, tableId);
            if (limit >= 0) {
                ps.setLong(2, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Writes every pending file end of the table into its add row, in the open transaction
     * (autocommit must be off); returns how many add rows it ended. Nothing to do costs one query.
     */
    int settle() throws SQLException {
        if (count(pending, -1) == 0) {
            inserted = 0;
            return 0;
        }
        return settlePending();
    }

    /** {@link #settle} for a caller that has just counted some pending ends ({@link #worthSettling}). */
    int settlePending() throws SQLException {
        inserted = 0;
        String[] saved = new String[SETTLE_SETTINGS.length];
        try (PreparedStatement ps = conn.prepareStatement("SELECT current_setting(?)")) {
            for (int i = 0; i < SETTLE_SETTINGS.length; i++) {
                ps.setString(1, SETTLE_SETTINGS[i][0]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    saved[i] = rs.getString(1);
                }
            }
        }
        setLocal(SETTLE_SETTINGS, null);
        int ended;
        try (PreparedStatement ps = FreshPlans.prepare(conn, settle)) {
            ps.setObject(1, tableId);
            ps.setObject(2, tableId);
            ps.setObject(3, tableId);
            ended = ps.executeUpdate();
        }
        setLocal(SETTLE_SETTINGS, saved);
        return ended;
    }

    /** {@code SET LOCAL} of each setting, to its value in {@code settings} or, when given, in {@code values}. */
    private void setLocal(String[][] settings, String[] values) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT set_config(?, ?, true)")) {
            for (int i = 0; i < settings.length; i++) {
                ps.setString(1, settings[i][0]);
                ps.setString(2, values == null ? settings[i][1] : values[i]);
                ps.execute();
            }
        }
    }
}
