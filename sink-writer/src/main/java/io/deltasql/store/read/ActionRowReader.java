package io.deltasql.store.read;

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
import io.deltasql.store.schema.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Re-creates actions from their dl_* rows; the column lists here and the SELECTs in
 * {@link SnapshotQueries} go together (columns by name, so order does not matter).
 */
final class ActionRowReader {
    static final String ADD_COLUMNS = "path, size, modification_time, data_change, partition_values, stats, tags, "
            + "deletion_vector, base_row_id, default_row_commit_version, clustering_provider, extra";
    static final String REMOVE_COLUMNS = "path, deletion_timestamp, data_change, extended_file_metadata, "
            + "partition_values, size, stats, tags, deletion_vector, base_row_id, default_row_commit_version, extra";
    static final String METADATA_COLUMNS = "id, name, description, format_provider, format_options, schema_string, "
            + "partition_columns, created_time, configuration, extra";
    static final String PROTOCOL_COLUMNS = "min_reader_version, min_writer_version, reader_features, writer_features, extra";
    static final String TXN_COLUMNS = "app_id, txn_version, last_updated, extra";
    static final String DOMAIN_COLUMNS = "domain, configuration, removed, extra";
    static final String CDC_COLUMNS = "path, partition_values, size, data_change, tags, extra";
    static final String COMMIT_INFO_COLUMNS = "timestamp_ms, in_commit_timestamp, operation, extra";
    static final String OTHER_COLUMNS = "action_key, body";

    private ActionRowReader() {
    }

    static AddFile add(ResultSet rs) throws SQLException {
        return new AddFile(rs.getString("path"), JsonColumns.stringMap(rs.getString("partition_values")),
                lng(rs, "size"), lng(rs, "modification_time"), bool(rs, "data_change"), rs.getString("stats"),
                JsonColumns.stringMap(rs.getString("tags")), JsonColumns.deletionVector(rs.getString("deletion_vector")),
                lng(rs, "base_row_id"), lng(rs, "default_row_commit_version"), rs.getString("clustering_provider"),
                JsonColumns.object(rs.getString("extra")));
    }

    static RemoveFile remove(ResultSet rs) throws SQLException {
        return new RemoveFile(rs.getString("path"), lng(rs, "deletion_timestamp"), bool(rs, "data_change"),
                bool(rs, "extended_file_metadata"), JsonColumns.stringMap(rs.getString("partition_values")),
                lng(rs, "size"), rs.getString("stats"), JsonColumns.stringMap(rs.getString("tags")),
                JsonColumns.deletionVector(rs.getString("deletion_vector")), lng(rs, "base_row_id"),
                lng(rs, "default_row_commit_version"), JsonColumns.object(rs.getString("extra")));
    }

    static Metadata metadata(ResultSet rs) throws SQLException {
        return new Metadata(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getString("format_provider"), JsonColumns.stringMap(rs.getString("format_options")),
                rs.getString("schema_string"), JsonColumns.stringList(rs.getString("partition_columns")),
                lng(rs, "created_time"), JsonColumns.stringMap(rs.getString("configuration")),
                JsonColumns.object(rs.getString("extra")));
    }

    static Protocol protocol(ResultSet rs) throws SQLException {
        return new Protocol(integer(rs, "min_reader_version"), integer(rs, "min_writer_version"),
                JsonColumns.stringList(rs.getString("reader_features")),
                JsonColumns.stringList(rs.getString("writer_features")), JsonColumns.object(rs.getString("extra")));
    }

    static Txn txn(ResultSet rs) throws SQLException {
        return new Txn(rs.getString("app_id"), lng(rs, "txn_version"), lng(rs, "last_updated"),
                JsonColumns.object(rs.getString("extra")));
    }

    static DomainMetadata domain(ResultSet rs) throws SQLException {
        return new DomainMetadata(rs.getString("domain"), rs.getString("configuration"), bool(rs, "removed"),
                JsonColumns.object(rs.getString("extra")));
    }

    static Cdc cdc(ResultSet rs) throws SQLException {
        return new Cdc(rs.getString("path"), JsonColumns.stringMap(rs.getString("partition_values")), lng(rs, "size"),
                bool(rs, "data_change"), JsonColumns.stringMap(rs.getString("tags")),
                JsonColumns.object(rs.getString("extra")));
    }

    static CommitInfo commitInfo(ResultSet rs) throws SQLException {
        return new CommitInfo(lng(rs, "timestamp_ms"), lng(rs, "in_commit_timestamp"), rs.getString("operation"),
                JsonColumns.object(rs.getString("extra")));
    }

    static Action other(ResultSet rs) throws SQLException {
        return ActionCodec.fromJson(rs.getString("action_key"), JsonColumns.node(rs.getString("body")));
    }

    private static Long lng(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }
}
