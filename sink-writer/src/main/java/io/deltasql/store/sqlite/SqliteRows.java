package io.deltasql.store.sqlite;

import io.deltasql.log.action.Action;
import io.deltasql.store.write.ActionColumns;
import io.deltasql.store.write.ActionColumns.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SQLite writer's statements: the rows of each dl_* table buffered and inserted
 * {@value Batch#ROWS} per statement (the rest before a statement that must see them and at the
 * group's commit: memory stays bounded whatever a version's size, a 1M-file checkpoint), the
 * interval ends, the version rows. All inside the writer's open transaction.
 */
final class SqliteRows implements AutoCloseable {

    private final Connection conn;
    private final String tableId;
    private final Map<Table, Batch> inserts = new EnumMap<>(Table.class);
    private final Map<Table, PreparedStatement> ends = new EnumMap<>(Table.class);
    private final Batch versions;
    /**
     * The file keys of the add rows batched and not yet sent: an end of any other key cannot concern
     * them, so it need not send the batch first (a remove of an older file, the common case, then
     * leaves the adds to fill their batch).
     */
    private final Set<String> unsentAdds = new HashSet<>();
    private final Map<Table, PreparedStatement> closeAll = new EnumMap<>(Table.class);
    /** The table's number in the file ({@code dl_tables.table_no}): the live-file index's key, schema V3. */
    private final long tableNo;

    SqliteRows(Connection conn, String tableId, long tableNo) throws SQLException {
        this.conn = conn;
        this.tableId = tableId;
        this.tableNo = tableNo;
        for (Table t : Table.values()) {
            List<String> cols = new ArrayList<>(List.of("table_id", t.versionColumn, "ordinal"));
            cols.addAll(t.columns);
            if (t == Table.ADD_FILES) {
                cols.add("live_key"); // bound after the action's columns: LiveKey of the file (schema V2)
                cols.add("table_no"); // and the table's number (schema V3)
            }
            inserts.put(t, new Batch(conn, t.name, cols));
            if (t.hasInterval()) {
                ends.put(t, conn.prepareStatement(endSql(t)));
                closeAll.put(t, conn.prepareStatement("UPDATE " + t.name + liveIndex(t) + " SET " + t.endColumn
                        + " = ? WHERE " + liveTable(t) + " = ? AND " + t.endColumn + " IS NULL"));
            }
        }
        versions = new Batch(conn, "dl_table_versions", List.of("table_id", "version", "origin",
                "timestamp_ms", "in_commit_timestamp", "operation", "status", "action_count", "add_count", "remove_count",
                "metadata_count", "protocol_count", "txn_count", "commit_info_count", "cdc_count", "domain_metadata_count",
                "other_count"));
    }

    /**
     * Ends the live row of a key that a later version touches: the same columns as the live index
     * (dl_add_files_live, dl_txn_actions_live, …), so each end is one index probe. A file is probed by
     * its {@link LiveKey} and its path and dv_id compared in the row (two files may share a key).
     */
    private static String endSql(Table t) {
        String key = switch (t) {
            case ADD_FILES -> " AND live_key = ?5 AND COALESCE(path_key, path) = ?3 AND dv_id = ?4";
            case TXN -> " AND app_id = ?3";
            case DOMAIN -> " AND domain = ?3";
            default -> "";
        };
        return "UPDATE " + t.name + liveIndex(t) + " SET " + t.endColumn + " = ?1 WHERE " + liveTable(t) + " = ?2" + key
                + " AND " + t.endColumn + " IS NULL AND " + t.versionColumn + " < ?1";
    }

    /** The column that leads {@code t}'s live index: files are keyed by the table's number (schema V3), the rest by its id. */
    private static String liveTable(Table t) {
        return t == Table.ADD_FILES ? "table_no" : "table_id";
    }

    private void bindLiveTable(PreparedStatement ps, int index, Table t) throws SQLException {
        if (t == Table.ADD_FILES) {
            ps.setLong(index, tableNo);
        } else {
            ps.setString(index, tableId);
        }
    }

    /**
     * The partial live index, named: without statistics (an import outruns them) SQLite's planner
     * takes the primary key on table_id and walks every row of the table per end.
     */
    private static String liveIndex(Table t) {
        return switch (t) {
            case ADD_FILES -> " INDEXED BY dl_add_files_live";
            case TXN -> " INDEXED BY dl_txn_actions_live";
            case DOMAIN -> " INDEXED BY dl_domain_metadata_live";
            default -> "";
        };
    }

    /**
     * Batches the action's row (its interval stays open); sends the batch when full.
     *
     * @param key the action's {@code ActionColumns.intervalKey} (an add's file key, bound as its {@link LiveKey})
     */
    void insert(Table table, long version, int ordinal, Action action, String key) throws SQLException {
        Object[] values = ActionColumns.values(action);
        Batch b = inserts.get(table);
        b.set(1, tableId);
        b.set(2, version);
        b.set(3, ordinal);
        for (int i = 0; i < values.length; i++) {
            b.set(i + 4, values[i]);
        }
        if (table == Table.ADD_FILES) {
            b.set(values.length + 4, LiveKey.ofFileKey(key));
            b.set(values.length + 5, tableNo);
            unsentAdds.add(key);
        }
        if (b.add()) {
            sent(table);
        }
    }

    /**
     * Ends, at {@code version}, the live row of {@code key} from an earlier version, after sending the
     * rows batched for that table when one of them may be it (the end must see them): for files, only
     * when the key is among the unsent adds.
     */
    void end(Table table, String key, long version) throws SQLException {
        if (table != Table.ADD_FILES || unsentAdds.contains(key)) {
            send(table);
        }
        PreparedStatement ps = ends.get(table);
        ps.setLong(1, version);
        bindLiveTable(ps, 2, table);
        if (table == Table.ADD_FILES) {
            int nul = key.indexOf('\0'); // ActionColumns.fileKey: path NUL dv_id
            ps.setString(3, key.substring(0, nul));
            ps.setString(4, key.substring(nul + 1));
            ps.setLong(5, LiveKey.ofFileKey(key));
        } else if (table == Table.TXN || table == Table.DOMAIN) {
            ps.setString(3, key);
        }
        ps.executeUpdate();
    }

    /** A checkpoint is the whole state: every row live before it ends at {@code version}. */
    void endAllLive(long version) throws SQLException {
        sendAll();
        for (Map.Entry<Table, PreparedStatement> e : closeAll.entrySet()) {
            PreparedStatement ps = e.getValue();
            ps.setLong(1, version);
            bindLiveTable(ps, 2, e.getKey());
            ps.executeUpdate();
        }
    }

    void versionRow(long version, boolean checkpoint, long timestamp, Long inCommitTimestamp, String operation,
                    long actionCount, long[] counts) throws SQLException {
        Batch b = versions;
        b.set(1, tableId);
        b.set(2, version);
        b.set(3, checkpoint ? "checkpoint" : "commit");
        b.set(4, timestamp);
        b.set(5, inCommitTimestamp);
        b.set(6, operation);
        b.set(7, "committed");
        b.set(8, actionCount);
        for (int i = 0; i < counts.length; i++) {
            b.set(9 + i, counts[i]);
        }
        versions.add();
    }

    /** Sends every batch. */
    void sendAll() throws SQLException {
        for (Table t : inserts.keySet()) {
            send(t);
        }
        versions.send();
    }

    private void send(Table table) throws SQLException {
        inserts.get(table).send();
        sent(table);
    }

    private void sent(Table table) {
        if (table == Table.ADD_FILES) {
            unsentAdds.clear();
        }
    }

    /** Forgets what is batched (the transaction is being rolled back). */
    void clear() {
        inserts.values().forEach(Batch::clear);
        versions.clear();
        unsentAdds.clear();
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Boolean b) {
            ps.setInt(index, b ? 1 : 0);
        } else {
            ps.setObject(index, value);
        }
    }

    @Override
    public void close() {
        List<PreparedStatement> all = new ArrayList<>(closeAll.values());
        all.addAll(ends.values());
        for (PreparedStatement ps : all) {
            try {
                ps.close();
            } catch (SQLException e) {
                // the connection is being closed anyway
            }
        }
        inserts.values().forEach(Batch::close);
        versions.close();
    }

    /**
     * The rows of one table not yet inserted: every {@link #ROWS} of them go in one multi-row
     * {@code INSERT … VALUES (…), (…), …} (one statement run opens the table's and its indexes'
     * cursors once for all of them, where a batch of single-row INSERTs runs the statement per row);
     * fewer, at a {@link #send}, through the single-row statement.
     */
    private static final class Batch {
        static final int ROWS = 64;

        final PreparedStatement many;
        final PreparedStatement one;
        final int width;
        final Object[] buffer;
        int rows;

        Batch(Connection conn, String table, List<String> columns) throws SQLException {
            width = columns.size();
            String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
            String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
            one = conn.prepareStatement(head + row);
            many = conn.prepareStatement(head + String.join(", ", Collections.nCopies(ROWS, row)));
            buffer = new Object[ROWS * width];
        }

        /** The value of column {@code index} (1-based, as a statement's parameters) of the row being added. */
        void set(int index, Object value) {
            buffer[rows * width + index - 1] = value;
        }

        /** The row is complete; returns whether it filled the buffer, which was then inserted. */
        boolean add() throws SQLException {
            if (++rows < ROWS) {
                return false;
            }
            for (int i = 0; i < buffer.length; i++) {
                bind(many, i + 1, buffer[i]);
            }
            many.executeUpdate();
            rows = 0;
            return true;
        }

        void send() throws SQLException {
            if (rows == 0) {
                return;
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < width; c++) {
                    bind(one, c + 1, buffer[r * width + c]);
                }
                one.addBatch();
            }
            rows = 0;
            one.executeBatch();
        }

        void clear() {
            rows = 0;
            java.util.Arrays.fill(buffer, null);
            try {
                one.clearBatch();
            } catch (SQLException e) {
                // nothing batched survives a rollback anyway
            }
        }

        void close() {
            for (PreparedStatement ps : List.of(many, one)) {
                try {
                    ps.close();
                } catch (SQLException e) {
                    // the connection is being closed anyway
                }
            }
        }
    }
}
