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
import java.util.List;
import java.util.UUID;
import org.postgresql.copy.CopyManager;

/**
 * Turns actions into rows of their dl_* table: typed columns for the protocol's fields, {@code extra}
 * for the rest, so {@code ActionCodec.toJson} re-creates each action from its row. One
 * {@link CopyBuffer} per table; a full buffer is flushed at once, so memory stays bounded.
 */
final class ActionRows {
    /**
     * Called before an add or remove buffer is sent, with the (canonical path, dv_id) keys it holds:
     * a re-add and a remove both end the live entry of that logical file from an earlier version.
     */
    interface FileKeysHook {
        void closeLive(List<String> paths, List<String> dvIds) throws SQLException;
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
    private final List<CopyBuffer> all;
    private final FileKeys addKeys = new FileKeys();
    private final FileKeys removeKeys = new FileKeys();

    /** The keys of the rows in one buffer, sent as two text[] parameters. */
    private static final class FileKeys {
        final List<String> paths = new ArrayList<>();
        final List<String> dvIds = new ArrayList<>();

        void add(String path, String dvId) {
            paths.add(FileKey.canonical(path));
            dvIds.add(dvId);
        }

        void clear() {
            paths.clear();
            dvIds.clear();
        }
    }

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
        all = List.of(adds, removes, metadata, protocols, txns, domains, cdcs, commitInfos, others);
    }

    private static CopyBuffer buffer(SqlNames names, int limit, String table, String columns) {
        return new CopyBuffer(names.sql("COPY {s}." + table + " (" + columns + ") FROM STDIN"), limit);
    }

    /** Buffers the action's row; returns the buffer, which the caller flushes when full. */
    CopyBuffer add(long version, int ordinal, Action action) {
        CopyBuffer b;
        if (action instanceof AddFile a) {
            b = start(adds, version, ordinal).text(a.path()).text(pathKey(a.path())).text(a.dvId()).number(a.size())
                    .number(a.modificationTime()).bool(a.dataChange()).text(JsonColumns.write(a.partitionValues()))
                    .text(a.stats()).text(JsonColumns.write(a.tags())).text(JsonColumns.write(a.deletionVector()))
                    .number(a.baseRowId()).number(a.defaultRowCommitVersion()).text(a.clusteringProvider())
                    .text(JsonColumns.write(a.extra()));
            addKeys.add(a.path(), a.dvId());
        } else if (action instanceof RemoveFile r) {
            b = start(removes, version, ordinal).text(r.path()).text(pathKey(r.path())).text(r.dvId()).number(r.deletionTimestamp())
                    .bool(r.dataChange()).bool(r.extendedFileMetadata()).text(JsonColumns.write(r.partitionValues()))
                    .number(r.size()).text(r.stats()).text(JsonColumns.write(r.tags()))
                    .text(JsonColumns.write(r.deletionVector())).number(r.baseRowId())
                    .number(r.defaultRowCommitVersion()).text(JsonColumns.write(r.extra()));
            removeKeys.add(r.path(), r.dvId());
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

    /**
     * Sends one buffer; before adds or removes, the hook closes the live rows they end (before the
     * adds go in, so the one-live-entry index never sees two).
     */
    void flush(CopyBuffer b, CopyManager copy, FileKeysHook hook) throws SQLException {
        FileKeys keys = b == adds ? addKeys : b == removes ? removeKeys : null;
        if (keys != null && !b.isEmpty()) {
            hook.closeLive(keys.paths, keys.dvIds);
            keys.clear();
        }
        b.flush(copy);
    }

    void flushAll(CopyManager copy, FileKeysHook hook) throws SQLException {
        for (CopyBuffer b : all) {
            flush(b, copy, hook);
        }
    }

    /** Drops everything buffered (the transaction is being rolled back). */
    void clear() {
        all.forEach(CopyBuffer::clear);
        addKeys.clear();
        removeKeys.clear();
    }
}
