package io.deltasql.store.read;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Cdc;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Field;
import io.deltasql.log.action.FieldTable;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import io.deltasql.store.schema.JsonColumns;
import io.deltasql.store.write.ActionColumns;
import io.deltasql.store.write.ActionColumns.Table;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Re-creates actions from their dl_* rows, field by field as the action's {@link FieldTable} says,
 * from the columns {@link ActionColumns} names (by name, so the SELECT's order does not matter).
 * The same for both stores.
 */
public final class ActionRowReader {
    static final String ADD_COLUMNS = Table.ADD_FILES.columnList();
    static final String REMOVE_COLUMNS = Table.REMOVE_FILES.columnList();
    static final String METADATA_COLUMNS = Table.METADATA.columnList();
    static final String PROTOCOL_COLUMNS = Table.PROTOCOL.columnList();
    static final String TXN_COLUMNS = Table.TXN.columnList();
    static final String DOMAIN_COLUMNS = Table.DOMAIN.columnList();
    static final String CDC_COLUMNS = Table.CDC.columnList();
    static final String COMMIT_INFO_COLUMNS = Table.COMMIT_INFO.columnList();
    static final String OTHER_COLUMNS = Table.OTHER.columnList();

    private ActionRowReader() {
    }

    static AddFile add(ResultSet rs) throws SQLException {
        return read(AddFile.FIELDS, rs);
    }

    static RemoveFile remove(ResultSet rs) throws SQLException {
        return read(RemoveFile.FIELDS, rs);
    }

    static Metadata metadata(ResultSet rs) throws SQLException {
        return read(Metadata.FIELDS, rs);
    }

    static Protocol protocol(ResultSet rs) throws SQLException {
        return read(Protocol.FIELDS, rs);
    }

    static Txn txn(ResultSet rs) throws SQLException {
        return read(Txn.FIELDS, rs);
    }

    static DomainMetadata domain(ResultSet rs) throws SQLException {
        return read(DomainMetadata.FIELDS, rs);
    }

    static Cdc cdc(ResultSet rs) throws SQLException {
        return read(Cdc.FIELDS, rs);
    }

    static CommitInfo commitInfo(ResultSet rs) throws SQLException {
        return read(CommitInfo.FIELDS, rs);
    }

    static Action other(ResultSet rs) throws SQLException {
        return ActionCodec.fromJson(rs.getString("action_key"), JsonColumns.node(rs.getString("body")));
    }

    /** Each table's column names by field index, worked out once: reading a big snapshot calls {@link #read} per row. */
    private static final java.util.Map<FieldTable<?>, String[]> COLUMNS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String[] columns(FieldTable<?> table) {
        return COLUMNS.computeIfAbsent(table, t -> {
            String[] names = new String[t.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = ActionColumns.columnOf(t, t.field(i));
            }
            return names;
        });
    }

    /** The record of {@code table} from the current row: each field from its column, then {@code extra}. */
    static <T> T read(FieldTable<T> table, ResultSet rs) throws SQLException {
        Object[] values = new Object[table.size()];
        String[] columns = columns(table);
        for (int i = 0; i < values.length; i++) {
            Field<T> f = table.field(i);
            String column = columns[i];
            values[i] = switch (f.type()) {
                case STRING -> rs.getString(column);
                case LONG, EPOCH_MILLIS -> lng(rs, column);
                case INT -> integer(rs, column);
                case BOOLEAN -> bool(rs, column);
                case STRING_MAP -> JsonColumns.stringMap(rs.getString(column));
                case STRING_LIST -> JsonColumns.stringList(rs.getString(column));
                case STRUCT -> f.struct() == Metadata.Format.FIELDS ? format(rs)
                        : JsonColumns.deletionVector(rs.getString(column));
            };
        }
        return table.create(values, JsonColumns.object(rs.getString("extra")));
    }

    /** metaData.format from its two columns; null when neither is set (as Metadata.format() says). */
    private static Metadata.Format format(ResultSet rs) throws SQLException {
        String provider = rs.getString("format_provider");
        var options = JsonColumns.stringMap(rs.getString("format_options"));
        return provider == null && options == null ? null : new Metadata.Format(provider, options);
    }

    static Long lng(ResultSet rs, String column) throws SQLException {
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
