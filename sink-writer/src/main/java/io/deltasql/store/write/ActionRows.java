package io.deltasql.store.write;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Cdc;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import io.deltasql.log.action.UnknownAction;
import io.deltasql.log.replay.FileKey;
import io.deltasql.store.schema.JsonColumns;
import io.deltasql.store.schema.SqlNames;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.copy.CopyManager;

/**
 * Turns actions into rows of their dl_* table: typed columns for the protocol's fields, {@code extra}
 * for the rest, so {@code ActionCodec.toJson} re-creates each action from its row. One buffer per
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
        adds = intervals(names, bufferChars, Interval.FILES, "dl_add_files", "table_id, added_version, ordinal, path, "
                + "path_key, dv_id, size, modification_time, data_change, partition_values, stats, tags, deletion_vector, "
                + "base_row_id, default_row_commit_version, clustering_provider, extra, removed_version");
        metadata = intervals(names, bufferChars, Interval.METADATA, "dl_metadata_updates", "table_id, version, ordinal, "
                + "id, name, description, format_provider, format_options, schema_string, partition_columns, "
                + "created_time, configuration, extra, superseded_version");
        protocols = intervals(names, bufferChars, Interval.PROTOCOL, "dl_protocol_updates", "table_id, version, "
                + "ordinal, min_reader_version, min_writer_version, reader_features, writer_features, extra, "
                + "superseded_version");
        txns = intervals(names, bufferChars, Interval.TXN, "dl_txn_actions", "table_id, version, ordinal, app_id, "
                + "txn_version, last_updated, extra, superseded_version");
        domains = intervals(names, bufferChars, Interval.DOMAIN, "dl_domain_metadata", "table_id, version, ordinal, "
                + "domain, configuration, removed, extra, superseded_version");
        removes = buffer(names, bufferChars, "dl_remove_files", "table_id, version, ordinal, path, path_key, dv_id, "
                + "deletion_timestamp, data_change, extended_file_metadata, partition_values, size, stats, tags, "
                + "deletion_vector, base_row_id, default_row_commit_version, extra");
        cdcs = buffer(names, bufferChars, "dl_cdc_files", "table_id, version, ordinal, path, partition_values, "
                + "size, data_change, tags, extra");
        commitInfos = buffer(names, bufferChars, "dl_commit_infos", "table_id, version, ordinal, timestamp_ms, "
                + "in_commit_timestamp, operation, extra");
        others = buffer(names, bufferChars, "dl_other_actions", "table_id, version, ordinal, action_key, body");
        versionRows = buffer(names, bufferChars, "dl_table_versions", "table_id, version, origin, timestamp_ms, "
                + "in_commit_timestamp, operation, status, action_count, add_count, remove_count, metadata_count, "
                + "protocol_count, txn_count, commit_info_count, cdc_count, domain_metadata_count, other_count");
        plain = List.of(removes, cdcs, commitInfos, others, versionRows);
    }

    private IntervalRows intervals(SqlNames names, int limit, Interval interval, String table, String columns) {
        IntervalRows rows = new IntervalRows(names.sql("COPY {s}." + table + " (" + columns + ") FROM STDIN"), limit,
                interval == Interval.FILES ? addedKeys::mayBeLive : key -> true);
        intervals.put(interval, rows);
        return rows;
    }

    private static CopyBuffer buffer(SqlNames names, int limit, String table, String columns) {
        return new CopyBuffer(names.sql("COPY {s}." + table + " (" + columns + ") FROM STDIN"), limit);
    }

    /**
     * Buffers the action's row; returns true when a buffer is full (the caller then flushes). With
     * {@code endsEarlier} (commit versions) the action ends the live row of its key from an earlier
     * version; a checkpoint ended everything live when it began, and its rows stay open in the group.
     */
    boolean add(long version, int ordinal, Action action, boolean endsEarlier) {
        if (action instanceof AddFile a) {
            String canonical = FileKey.canonical(a.path());
            String key = fileKey(canonical, a.dvId());
            if (endsEarlier) {
                adds.touch(key, version);
            }
            addedKeys.added(key);
            start(adds.begin(endsEarlier), version, ordinal).text(a.path()).text(pathKey(a.path(), canonical)).text(a.dvId())
                    .number(a.size()).number(a.modificationTime()).bool(a.dataChange())
                    .text(JsonColumns.write(a.partitionValues())).text(a.stats()).text(JsonColumns.write(a.tags()))
                    .text(JsonColumns.write(a.deletionVector())).number(a.baseRowId())
                    .number(a.defaultRowCommitVersion()).text(a.clusteringProvider()).text(JsonColumns.write(a.extra()));
            return end(adds, endsEarlier, key, version);
        }
        if (action instanceof RemoveFile r) {
            String canonical = FileKey.canonical(r.path());
            if (endsEarlier) {
                adds.touch(fileKey(canonical, r.dvId()), version);
            }
            start(removes, version, ordinal).text(r.path()).text(pathKey(r.path(), canonical)).text(r.dvId())
                    .number(r.deletionTimestamp()).bool(r.dataChange()).bool(r.extendedFileMetadata())
                    .text(JsonColumns.write(r.partitionValues())).number(r.size()).text(r.stats())
                    .text(JsonColumns.write(r.tags())).text(JsonColumns.write(r.deletionVector())).number(r.baseRowId())
                    .number(r.defaultRowCommitVersion()).text(JsonColumns.write(r.extra())).endRow();
            return removes.isFull();
        }
        if (action instanceof Metadata m) {
            touch(metadata, endsEarlier, "", version);
            start(metadata.begin(endsEarlier), version, ordinal).text(m.id()).text(m.name()).text(m.description())
                    .text(m.formatProvider()).text(JsonColumns.write(m.formatOptions())).text(m.schemaString())
                    .text(JsonColumns.write(m.partitionColumns())).number(m.createdTime())
                    .text(JsonColumns.write(m.configuration())).text(JsonColumns.write(m.extra()));
            return end(metadata, endsEarlier, "", version);
        }
        if (action instanceof Protocol p) {
            touch(protocols, endsEarlier, "", version);
            start(protocols.begin(endsEarlier), version, ordinal).number(p.minReaderVersion())
                    .number(p.minWriterVersion()).text(JsonColumns.write(p.readerFeatures()))
                    .text(JsonColumns.write(p.writerFeatures())).text(JsonColumns.write(p.extra()));
            return end(protocols, endsEarlier, "", version);
        }
        if (action instanceof Txn t) {
            touch(txns, endsEarlier, t.appId(), version);
            start(txns.begin(endsEarlier), version, ordinal).text(t.appId()).number(t.version()).number(t.lastUpdated())
                    .text(JsonColumns.write(t.extra()));
            return end(txns, endsEarlier, t.appId(), version);
        }
        if (action instanceof DomainMetadata d) {
            touch(domains, endsEarlier, d.domain(), version);
            start(domains.begin(endsEarlier), version, ordinal).text(d.domain()).text(d.configuration())
                    .bool(d.removed()).text(JsonColumns.write(d.extra()));
            return end(domains, endsEarlier, d.domain(), version);
        }
        CopyBuffer b;
        if (action instanceof Cdc c) {
            b = start(cdcs, version, ordinal).text(c.path()).text(JsonColumns.write(c.partitionValues()))
                    .number(c.size()).bool(c.dataChange()).text(JsonColumns.write(c.tags()))
                    .text(JsonColumns.write(c.extra()));
        } else if (action instanceof CommitInfo c) {
            b = start(commitInfos, version, ordinal).number(c.timestamp()).number(c.inCommitTimestamp())
                    .text(c.operation()).text(JsonColumns.write(c.extra()));
        } else {
            // checkpointMetadata, sidecar, unknown: the whole value, re-created with ActionCodec.fromJson.
            String key = action instanceof UnknownAction u ? u.key() : action.type().key();
            b = start(others, version, ordinal).text(key)
                    .text(JsonColumns.write(ActionCodec.toNode(action).get(key)));
        }
        b.endRow();
        return b.isFull();
    }

    private static void touch(IntervalRows rows, boolean endsEarlier, String key, long version) {
        if (endsEarlier) {
            rows.touch(key, version);
        }
    }

    private static boolean end(IntervalRows rows, boolean endable, String key, long version) {
        if (endable) {
            rows.endEndable(key, version);
        } else {
            rows.endOpen();
        }
        return rows.isFull();
    }

    /** The canonical path when it differs from the path as written (rare: absolute file: paths), else null. */
    private static String pathKey(String path, String canonical) {
        return canonical.equals(path) ? null : canonical;
    }

    private CopyBuffer start(CopyBuffer b, long version, int ordinal) {
        return b.text(tableId).number(version).number(ordinal);
    }

    /** A logical file's key: canonical path ({@link FileKey#canonical}), NUL, deletion-vector id (NUL occurs in neither). */
    static String fileKey(String canonicalPath, String dvId) {
        return canonicalPath + '\0' + dvId;
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
     * rows are buffered: first the ends of live rows already in the database (before the new rows go
     * in, so the one-live-entry index never sees two), then one COPY per non-empty buffer.
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
