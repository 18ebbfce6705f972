package io.deltasql.store.write;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Cdc;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.DeletionVector;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Field;
import io.deltasql.log.action.FieldTable;
import io.deltasql.log.action.FieldType;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import io.deltasql.log.action.UnknownAction;
import io.deltasql.log.replay.FileKey;
import io.deltasql.store.schema.JsonColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dl_* row of each action type, derived from delta-model's field table of that type
 * ({@link FieldTable}): one column per field, named in snake case ({@code partitionValues} →
 * {@code partition_values}; a txn's {@code version} is {@code txn_version}, a commitInfo's
 * {@code timestamp} {@code timestamp_ms}), maps, lists and the deletion vector as JSON text,
 * {@code metaData.format} as {@code format_provider} + {@code format_options}, a file's key columns
 * ({@code path_key}, {@code dv_id}) after its path, and {@code extra} last. An interval table's end
 * column is not part of the action. Both stores write these values (PostgreSQL as COPY text, SQLite
 * bound to a prepared batch), and {@code ActionRowReader} reads the same columns back.
 */
public final class ActionColumns {
    /** Fields whose snake-case name would clash with a dl_* column of their own. */
    private static final Map<String, String> RENAMED = Map.of("txn.version", "txn_version",
            "commitInfo.timestamp", "timestamp_ms");

    /** The dl_* tables that hold actions, with their columns and, for intervals, the end column. */
    public enum Table {
        ADD_FILES("dl_add_files", "added_version", "removed_version", AddFile.FIELDS),
        REMOVE_FILES("dl_remove_files", "version", null, RemoveFile.FIELDS),
        METADATA("dl_metadata_updates", "version", "superseded_version", Metadata.FIELDS),
        PROTOCOL("dl_protocol_updates", "version", "superseded_version", Protocol.FIELDS),
        TXN("dl_txn_actions", "version", "superseded_version", Txn.FIELDS),
        DOMAIN("dl_domain_metadata", "version", "superseded_version", DomainMetadata.FIELDS),
        CDC("dl_cdc_files", "version", null, Cdc.FIELDS),
        COMMIT_INFO("dl_commit_infos", "version", null, CommitInfo.FIELDS),
        /** checkpointMetadata, sidecar and unknown actions: the key and the whole value. */
        OTHER("dl_other_actions", "version", null, null);

        public final String name;
        public final String versionColumn;
        /** The column a later version sets to end the row's interval; null for tables without intervals. */
        public final String endColumn;
        /** The action's field table; null for {@link #OTHER}. */
        public final FieldTable<? extends Action> fields;
        /** The columns after {@code table_id, version, ordinal}, in the order of {@link #values}. */
        public final List<String> columns;

        Table(String name, String versionColumn, String endColumn, FieldTable<? extends Action> fields) {
            this.name = name;
            this.versionColumn = versionColumn;
            this.endColumn = endColumn;
            this.fields = fields;
            this.columns = fields == null ? List.of("action_key", "body") : columnsOf(fields);
        }

        public boolean hasInterval() {
            return endColumn != null;
        }

        /** The columns, comma-separated (for a SELECT or an INSERT). */
        public String columnList() {
            return String.join(", ", columns);
        }

        /** A file table: the key columns {@code path_key, dv_id} follow the path. */
        boolean keyedByFile() {
            return this == ADD_FILES || this == REMOVE_FILES;
        }
    }

    private ActionColumns() {
    }

    private static List<String> columnsOf(FieldTable<? extends Action> table) {
        List<String> out = new ArrayList<>();
        boolean file = table == AddFile.FIELDS || table == RemoveFile.FIELDS;
        for (Field<?> f : table.fields()) {
            if (f.type() == FieldType.STRUCT && f.struct() == Metadata.Format.FIELDS) {
                out.add("format_provider");
                out.add("format_options");
            } else {
                out.add(columnOf(table, f));
            }
            if (file && f.name().equals("path")) {
                out.add("path_key");
                out.add("dv_id");
            }
        }
        out.add("extra");
        return List.copyOf(out);
    }

    /** The column of a field: its name in snake case, unless renamed ({@link #RENAMED}). */
    public static String columnOf(FieldTable<?> table, Field<?> field) {
        String renamed = RENAMED.get(table.name() + "." + field.name());
        if (renamed != null) {
            return renamed;
        }
        StringBuilder b = new StringBuilder();
        for (char c : field.name().toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('_').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static Table tableOf(Action action) {
        return switch (action.type()) {
            case ADD -> Table.ADD_FILES;
            case REMOVE -> Table.REMOVE_FILES;
            case METADATA -> Table.METADATA;
            case PROTOCOL -> Table.PROTOCOL;
            case TXN -> Table.TXN;
            case DOMAIN_METADATA -> Table.DOMAIN;
            case CDC -> Table.CDC;
            case COMMIT_INFO -> Table.COMMIT_INFO;
            default -> Table.OTHER;
        };
    }

    /** The action's values in the order of its table's {@link Table#columns}. */
    public static Object[] values(Action action) {
        Table t = tableOf(action);
        if (t == Table.OTHER) {
            // checkpointMetadata, sidecar, unknown: the whole value, re-created with ActionCodec.fromJson.
            String key = action instanceof UnknownAction u ? u.key() : action.type().key();
            return new Object[] {key, JsonColumns.write(ActionCodec.toNode(action).get(key))};
        }
        return values(t.fields, action, t.columns.size());
    }

    private static <A extends Action> Object[] values(FieldTable<A> table, Action action, int width) {
        A record = table.cast(action);
        Object[] out = new Object[width];
        int i = 0;
        for (Field<A> f : table.fields()) {
            Object v = f.get(record);
            switch (f.type()) {
                case STRING_MAP, STRING_LIST -> out[i++] = JsonColumns.write(v);
                case STRUCT -> {
                    if (v instanceof Metadata.Format format) {
                        out[i++] = format.provider();
                        out[i++] = JsonColumns.write(format.options());
                    } else if (f.struct() == Metadata.Format.FIELDS) {
                        out[i++] = null;
                        out[i++] = null;
                    } else {
                        out[i++] = JsonColumns.write((DeletionVector) v);
                    }
                }
                default -> out[i++] = v;
            }
            if (f.name().equals("path") && (action instanceof AddFile || action instanceof RemoveFile)) {
                String path = (String) v;
                String canonical = FileKey.canonical(path);
                out[i++] = pathKey(path, canonical);
                out[i++] = action instanceof AddFile a ? a.dvId() : ((RemoveFile) action).dvId();
            }
        }
        ObjectNode extra = table.extraOf(record);
        out[i] = JsonColumns.write(extra);
        return out;
    }

    /**
     * The key whose live row an action ends, for the interval tables: a file's canonical path and
     * deletion-vector id, a txn's app id, a domain; "" for metadata and protocol (one live row per
     * table); null for actions that end nothing.
     */
    public static String intervalKey(Action action) {
        if (action instanceof AddFile a) {
            return fileKey(FileKey.canonical(a.path()), a.dvId());
        }
        if (action instanceof RemoveFile r) {
            return fileKey(FileKey.canonical(r.path()), r.dvId());
        }
        if (action instanceof Metadata || action instanceof Protocol) {
            return "";
        }
        if (action instanceof Txn t) {
            return t.appId();
        }
        if (action instanceof DomainMetadata d) {
            return d.domain();
        }
        return null;
    }

    /** A logical file's key: canonical path ({@link FileKey#canonical}), NUL, deletion-vector id (NUL occurs in neither). */
    public static String fileKey(String canonicalPath, String dvId) {
        return canonicalPath + '\0' + dvId;
    }

    /** The canonical path when it differs from the path as written (rare: absolute file: paths), else null. */
    public static String pathKey(String path, String canonical) {
        return canonical.equals(path) ? null : canonical;
    }
}
