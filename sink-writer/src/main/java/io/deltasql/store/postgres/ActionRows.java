package io.deltasql.store.postgres;

import io.deltasql.log.action.Action;
import io.deltasql.store.schema.SqlNames;
import io.deltasql.store.write.ActionColumns;
import io.deltasql.store.write.ActionColumns.Table;
import io.deltasql.store.write.AddedKeys;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.copy.CopyManager;

/**
 * Turns actions into COPY rows of their dl_* table: the values {@link ActionColumns} takes from the
 * action's field table (typed columns for the protocol's fields, {@code extra} for the rest), so
 * {@code ActionCodec.toJson} re-creates each action from its row. One buffer per
 * table; a full buffer is flushed at once, so memory stays bounded.
 *
 * <p>The tables with intervals (files, metadata, protocol, txn, domain metadata) are buffered in
 * {@link IntervalRows}: a row ended by a later version of the same group gets its end in memory, and
 * the ends of rows already in the database are sent as one statement per table before the COPYs.
 */
final class ActionRows {
    /** Ends, in the database, the live rows that the group's first touches of their keys end. */
    interface DatabaseEnds {
        void end(Interval interval, List<IntervalRows.DatabaseEnd> ends) throws SQLException;
    }

    /** The dl_* tables whose rows live in an interval of versions, and how a row's key is written. */
    enum Interval { FILES, METADATA, PROTOCOL, TXN, DOMAIN }

    private final String tableId;
    private final Map<Interval, IntervalRows> intervals = new EnumMap<>(Interval.class);
    private final IntervalRows adds;
    private final IntervalRows metadata;
    private final IntervalRows protocols;
    private final IntervalRows txns;
    private final IntervalRows domains;
    private final CopyBuffer removes;
    private final CopyBuffer cdcs;
    private final CopyBuffer commitInfos;
    private final CopyBuffer others;
    private final CopyBuffer versionRows;
    private final List<CopyBuffer> plain;
    private final CopyBuffer.BuilderPool pool = new CopyBuffer.BuilderPool();
    private final AddedKeys addedKeys = new AddedKeys();

    ActionRows(SqlNames names, UUID tableId, int bufferChars) {
        this.tableId = tableId.toString();
        adds = intervals(names, bufferChars, Interval.FILES, Table.ADD_FILES);
        metadata = intervals(names, bufferChars, Interval.METADATA, Table.METADATA);
        protocols = intervals(names, bufferChars, Interval.PROTOCOL, Table.PROTOCOL);
        txns = intervals(names, bufferChars, Interval.TXN, Table.TXN);
        domains = intervals(names, bufferChars, Interval.DOMAIN, Table.DOMAIN);
        removes = buffer(names, bufferChars, Table.REMOVE_FILES);
        cdcs = buffer(names, bufferChars, Table.CDC);
        commitInfos = buffer(names, bufferChars, Table.COMMIT_INFO);
        others = buffer(names, bufferChars, Table.OTHER);
        versionRows = new CopyBuffer(names.sql("COPY {s}.dl_table_versions (table_id, version, origin, timestamp_ms, "
                + "in_commit_timestamp, operation, status, action_count, add_count, remove_count, metadata_count, "
                + "protocol_count, txn_count, commit_info_count, cdc_count, domain_metadata_count, other_count) FROM STDIN"),
                bufferChars);
        plain = List.of(removes, cdcs, commitInfos, others, versionRows);
    }

    /** {@code COPY {s}.<table> (table_id, <version>, ordinal, <ActionColumns>[, <end>]) FROM STDIN}. */
    private static String copySql(SqlNames names, Table table) {
        return names.sql("COPY {s}." + table.name + " (table_id, " + table.versionColumn + ", ordinal, " + table.columnList()
                + (table.hasInterval() ? ", " + table.endColumn : "") + ") FROM STDIN");
    }

    private IntervalRows intervals(SqlNames names, int limit, Interval interval, Table table) {
        IntervalRows rows = new IntervalRows(copySql(names, table), limit,
                interval == Interval.FILES ? addedKeys::mayBeLive : key -> true);
        intervals.put(interval, rows);
        return rows;
    }

    private static CopyBuffer buffer(SqlNames names, int limit, Table table) {
        return new CopyBuffer(copySql(names, table), limit);
    }

    /**
     * Buffers the action's row; returns true when a buffer is full (the caller then flushes). With
     * {@code endsEarlier} (commit versions) the action ends the live row of its key from an earlier
     * version; a checkpoint ended everything live when it began, and its rows stay open in the group.
     * The row's values come from {@link ActionColumns} (the action's field table).
     */
    boolean add(long version, int ordinal, Action action, boolean endsEarlier) {
        Table table = ActionColumns.tableOf(action);
        Object[] values = ActionColumns.values(action);
        switch (table) {
            case ADD_FILES -> {
                String key = ActionColumns.intervalKey(action);
                if (endsEarlier) {
                    adds.touch(key, version);
                }
                addedKeys.added(key);
                return endInterval(adds, endsEarlier, key, version, ordinal, values);
            }
            case REMOVE_FILES -> {
                if (endsEarlier) {
                    adds.touch(ActionColumns.intervalKey(action), version);
                }
                return plainRow(removes, version, ordinal, values);
            }
            case METADATA -> {
                return interval(metadata, endsEarlier, "", version, ordinal, values);
            }
            case PROTOCOL -> {
                return interval(protocols, endsEarlier, "", version, ordinal, values);
            }
            case TXN -> {
                return interval(txns, endsEarlier, ActionColumns.intervalKey(action), version, ordinal, values);
            }
            case DOMAIN -> {
                return interval(domains, endsEarlier, ActionColumns.intervalKey(action), version, ordinal, values);
            }
            case CDC -> {
                return plainRow(cdcs, version, ordinal, values);
            }
            case COMMIT_INFO -> {
                return plainRow(commitInfos, version, ordinal, values);
            }
            default -> {
                return plainRow(others, version, ordinal, values);
            }
        }
    }

    /** A row of an interval table keyed by {@code key}: it ends the key's earlier row, and is open itself. */
    private boolean interval(IntervalRows rows, boolean endsEarlier, String key, long version, int ordinal, Object[] values) {
        if (endsEarlier) {
            rows.touch(key, version);
        }
        return endInterval(rows, endsEarlier, key, version, ordinal, values);
    }

    private boolean endInterval(IntervalRows rows, boolean endable, String key, long version, int ordinal, Object[] values) {
        append(start(rows.begin(endable), version, ordinal), values);
        if (endable) {
            rows.endEndable(key, version);
        } else {
            rows.endOpen();
        }
        return rows.isFull();
    }

    private boolean plainRow(CopyBuffer b, long version, int ordinal, Object[] values) {
        append(start(b, version, ordinal), values).endRow();
        return b.isFull();
    }

    private static CopyBuffer append(CopyBuffer b, Object[] values) {
        for (Object v : values) {
            b.value(v);
        }
        return b;
    }

    private CopyBuffer start(CopyBuffer b, long version, int ordinal) {
        return b.text(tableId).number(version).number(ordinal);
    }

    /** Buffers the dl_table_versions row of a version, sent with the other buffers; true when that buffer is full. */
    boolean versionRow(long version, boolean checkpoint, long timestamp, Long inCommitTimestamp, String operation,
                    long actionCount, long[] counts) {
        CopyBuffer b = versionRows.text(tableId).number(version).text(checkpoint ? "checkpoint" : "commit").number(timestamp)
                .number(inCommitTimestamp).text(operation).text("committed").number(actionCount);
        for (long c : counts) {
            b.number(c);
        }
        b.endRow();
        return b.isFull();
    }

    /**
     * Takes everything buffered out of the buffers, to be sent (maybe on another thread) while new
     * rows are buffered: first the ends of live rows already in the database (files: as rows of
     * dl_file_ends, see {@link LiveRowEnds}), then one COPY per non-empty buffer.
     */
    Prepared prepare() {
        Map<Interval, List<IntervalRows.DatabaseEnd>> ends = new EnumMap<>(Interval.class);
        intervals.forEach((interval, rows) -> {
            List<IntervalRows.DatabaseEnd> e = rows.databaseEnds();
            if (!e.isEmpty()) {
                ends.put(interval, e);
            }
        });
        List<CopyBuffer.Chunk> chunks = new ArrayList<>();
        for (IntervalRows r : intervals.values()) {
            CopyBuffer.Chunk c = r.settle().detach(pool);
            if (c != null) {
                chunks.add(c);
            }
        }
        for (CopyBuffer b : plain) {
            CopyBuffer.Chunk c = b.detach(pool);
            if (c != null) {
                chunks.add(c);
            }
        }
        return new Prepared(ends, chunks);
    }

    /** A group's rows taken out of the buffers: what {@link #prepare()} returns. */
    static final class Prepared {
        private final Map<Interval, List<IntervalRows.DatabaseEnd>> ends;
        private final List<CopyBuffer.Chunk> chunks;

        private Prepared(Map<Interval, List<IntervalRows.DatabaseEnd>> ends, List<CopyBuffer.Chunk> chunks) {
            this.ends = ends;
            this.chunks = chunks;
        }

        boolean isEmpty() {
            return ends.isEmpty() && chunks.isEmpty();
        }

        void send(CopyManager copy, DatabaseEnds databaseEnds) throws SQLException {
            for (Map.Entry<Interval, List<IntervalRows.DatabaseEnd>> e : ends.entrySet()) {
                databaseEnds.end(e.getKey(), e.getValue());
            }
            for (CopyBuffer.Chunk c : chunks) {
                c.send(copy);
            }
        }
    }

    /** The file keys this writer added; see {@link AddedKeys}. */
    AddedKeys addedKeys() {
        return addedKeys;
    }

    /** Drops everything buffered (the transaction is being rolled back). */
    void clear() {
        intervals.values().forEach(IntervalRows::clear);
        plain.forEach(CopyBuffer::clear);
    }
}
