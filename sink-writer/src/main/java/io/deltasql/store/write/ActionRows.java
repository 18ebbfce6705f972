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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.copy.CopyManager;

/**
 * Turns actions into rows of their dl_* table: typed columns for the protocol's fields, {@code extra}
 * for the rest, so {@code ActionCodec.toJson} re-creates each action from its row. One
 * {@link CopyBuffer} per table; a full buffer is flushed at once, so memory stays bounded.
 */
final class ActionRows {
    /**
     * Called before the buffers are sent, with the (canonical path, dv_id) keys of the buffered adds
     * and removes of each commit version: a re-add and a remove both end the live entry of that
     * logical file from an earlier version.
     */
    interface FileKeysHook {
        void closeLive(List<VersionKeys> keys) throws SQLException;
    }

    /** The file keys one commit version buffered, sent as two text[] parameters. */
    static final class VersionKeys {
        final long version;
        final List<String> paths = new ArrayList<>();
        final List<String> dvIds = new ArrayList<>();

        VersionKeys(long version) {
            this.version = version;
        }
    }

    private final String tableId;
    private final CopyBuffer adds;
    private final CopyBuffer removes;
    private final CopyBuffer metadata;
    private final CopyBuffer protocols;
    private final CopyBuffer txns;
    private final CopyBuffer domains;
    private final CopyBuffer cdcs;
    private final CopyBuffer commitInfos;
    private final CopyBuffer others;
    private final CopyBuffer versionRows;
    private final List<CopyBuffer> all;
    /** Keys of buffered adds/removes of commit versions, per version, in version order. */
    private final List<VersionKeys> pendingKeys = new ArrayList<>();
    /** The same keys (canonical path + NUL + dv_id) → their version: finds a key touched again. */
    private final Map<String, Long> pendingKeyVersions = new HashMap<>();

    ActionRows(SqlNames names, UUID tableId, int bufferChars) {
        this.tableId = tableId.toString();
        adds = buffer(names, bufferChars, "dl_add_files", "table_id, added_version, ordinal, path, path_key, dv_id, size, "
                + "modification_time, data_change, partition_values, stats, tags, deletion_vector, base_row_id, "
                + "default_row_commit_version, clustering_provider, extra");
        removes = buffer(names, bufferChars, "dl_remove_files", "table_id, version, ordinal, path, path_key, dv_id, "
                + "deletion_timestamp, data_change, extended_file_metadata, partition_values, size, stats, tags, "
                + "deletion_vector, base_row_id, default_row_commit_version, extra");
        metadata = buffer(names, bufferChars, "dl_metadata_updates", "table_id, version, ordinal, id, name, "
                + "description, format_provider, format_options, schema_string, partition_columns, created_time, "
                + "configuration, extra");
        protocols = buffer(names, bufferChars, "dl_protocol_updates", "table_id, version, ordinal, "
                + "min_reader_version, min_writer_version, reader_features, writer_features, extra");
        txns = buffer(names, bufferChars, "dl_txn_actions", "table_id, version, ordinal, app_id, txn_version, "
                + "last_updated, extra");
        domains = buffer(names, bufferChars, "dl_domain_metadata", "table_id, version, ordinal, domain, "
                + "configuration, removed, extra");
        cdcs = buffer(names, bufferChars, "dl_cdc_files", "table_id, version, ordinal, path, partition_values, "
                + "size, data_change, tags, extra");
        commitInfos = buffer(names, bufferChars, "dl_commit_infos", "table_id, version, ordinal, timestamp_ms, "
                + "in_commit_timestamp, operation, extra");
        others = buffer(names, bufferChars, "dl_other_actions", "table_id, version, ordinal, action_key, body");
        versionRows = buffer(names, bufferChars, "dl_table_versions", "table_id, version, origin, timestamp_ms, "
                + "in_commit_timestamp, operation, status, action_count, add_count, remove_count, metadata_count, "
                + "protocol_count, txn_count, commit_info_count, cdc_count, domain_metadata_count, other_count");
        all = List.of(adds, removes, metadata, protocols, txns, domains, cdcs, commitInfos, others, versionRows);
    }

    private static CopyBuffer buffer(SqlNames names, int limit, String table, String columns) {
        return new CopyBuffer(names.sql("COPY {s}." + table + " (" + columns + ") FROM STDIN"), limit);
    }

    /**
     * Whether the action is an add or remove of a logical file that a buffered add or remove of an
     * EARLIER version also touches: its close must then see that row, so the buffers go out first.
     */
    boolean touchesBufferedFile(long version, Action action) {
        String key;
        if (action instanceof AddFile a) {
            key = fileKey(a.path(), a.dvId());
        } else if (action instanceof RemoveFile r) {
            key = fileKey(r.path(), r.dvId());
        } else {
            return false;
        }
        Long v = pendingKeyVersions.get(key);
        return v != null && v != version;
    }

    /**
     * Buffers the action's row; returns the buffer, which the caller flushes when full. With
     * {@code closesLive} (commit versions) the file key is kept for {@link FileKeysHook}; a
     * checkpoint closed everything live when it began.
     */
    CopyBuffer add(long version, int ordinal, Action action, boolean closesLive) {
        CopyBuffer b;
        if (action instanceof AddFile a) {
            b = start(adds, version, ordinal).text(a.path()).text(pathKey(a.path())).text(a.dvId()).number(a.size())
                    .number(a.modificationTime()).bool(a.dataChange()).text(JsonColumns.write(a.partitionValues()))
                    .text(a.stats()).text(JsonColumns.write(a.tags())).text(JsonColumns.write(a.deletionVector()))
                    .number(a.baseRowId()).number(a.defaultRowCommitVersion()).text(a.clusteringProvider())
                    .text(JsonColumns.write(a.extra()));
            if (closesLive) {
                keep(version, a.path(), a.dvId());
            }
        } else if (action instanceof RemoveFile r) {
            b = start(removes, version, ordinal).text(r.path()).text(pathKey(r.path())).text(r.dvId()).number(r.deletionTimestamp())
                    .bool(r.dataChange()).bool(r.extendedFileMetadata()).text(JsonColumns.write(r.partitionValues()))
                    .number(r.size()).text(r.stats()).text(JsonColumns.write(r.tags()))
                    .text(JsonColumns.write(r.deletionVector())).number(r.baseRowId())
                    .number(r.defaultRowCommitVersion()).text(JsonColumns.write(r.extra()));
            if (closesLive) {
                keep(version, r.path(), r.dvId());
            }
        } else if (action instanceof Metadata m) {
            b = start(metadata, version, ordinal).text(m.id()).text(m.name()).text(m.description())
                    .text(m.formatProvider()).text(JsonColumns.write(m.formatOptions())).text(m.schemaString())
                    .text(JsonColumns.write(m.partitionColumns())).number(m.createdTime())
                    .text(JsonColumns.write(m.configuration())).text(JsonColumns.write(m.extra()));
        } else if (action instanceof Protocol p) {
            b = start(protocols, version, ordinal).number(p.minReaderVersion()).number(p.minWriterVersion())
                    .text(JsonColumns.write(p.readerFeatures())).text(JsonColumns.write(p.writerFeatures()))
                    .text(JsonColumns.write(p.extra()));
        } else if (action instanceof Txn t) {
            b = start(txns, version, ordinal).text(t.appId()).number(t.version()).number(t.lastUpdated())
                    .text(JsonColumns.write(t.extra()));
        } else if (action instanceof DomainMetadata d) {
            b = start(domains, version, ordinal).text(d.domain()).text(d.configuration()).bool(d.removed())
                    .text(JsonColumns.write(d.extra()));
        } else if (action instanceof Cdc c) {
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
        return b;
    }

    /** The canonical path when it differs from the path as written (rare: absolute file: paths), else null. */
    private static String pathKey(String path) {
        String canonical = FileKey.canonical(path);
        return canonical.equals(path) ? null : canonical;
    }

    private CopyBuffer start(CopyBuffer b, long version, int ordinal) {
        return b.text(tableId).number(version).number(ordinal);
    }

    private void keep(long version, String path, String dvId) {
        VersionKeys k = pendingKeys.isEmpty() ? null : pendingKeys.get(pendingKeys.size() - 1);
        if (k == null || k.version != version) {
            k = new VersionKeys(version);
            pendingKeys.add(k);
        }
        String canonical = FileKey.canonical(path);
        k.paths.add(canonical);
        k.dvIds.add(dvId);
        pendingKeyVersions.put(canonical + '\0' + dvId, version);
    }

    private static String fileKey(String path, String dvId) {
        return FileKey.canonical(path) + '\0' + dvId;
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

    /** True when nothing is buffered. */
    boolean isEmpty() {
        for (CopyBuffer b : all) {
            if (!b.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends everything buffered: first the hook closes the live rows the buffered adds and removes
     * end (before the adds go in, so the one-live-entry index never sees two), then one COPY per
     * non-empty buffer.
     */
    void flushAll(CopyManager copy, FileKeysHook hook) throws SQLException {
        if (!pendingKeys.isEmpty()) {
            hook.closeLive(pendingKeys);
            pendingKeys.clear();
            pendingKeyVersions.clear();
        }
        for (CopyBuffer b : all) {
            b.flush(copy);
        }
    }

    /** Drops everything buffered (the transaction is being rolled back). */
    void clear() {
        all.forEach(CopyBuffer::clear);
        pendingKeys.clear();
        pendingKeyVersions.clear();
    }
}
