package io.deltasql.store.postgres;

import io.deltasql.store.PgTarget;
import io.deltasql.store.StoreErrors;
import io.deltasql.store.StoreException;
import io.deltasql.store.read.SqlDialect;
import io.deltasql.store.schema.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** PostgreSQL: the target schema quoted, {@code COLLATE "C"} for code-point order, uuid ids. */
final class PgDialect implements SqlDialect {
    /**
     * A file's end the writer has not settled into its row yet (schema V4): a row of dl_file_ends for
     * its key after the version that added it. The writer settles them in bulk, so this is mostly an
     * anti-join with an empty table; between settles PostgreSQL hashes the pending ends.
     */
    private static final String PENDING_END = " AND NOT EXISTS (SELECT 1 FROM {s}.dl_file_ends e "
            + "WHERE e.table_id = f.table_id AND e.path = COALESCE(f.path_key, f.path) AND e.dv_id = f.dv_id "
            + "AND e.removed_version > f.added_version";
    /**
     * The rows of the table with an open end, through the partial live index (the planner takes it
     * by itself): the live files when no end is pending, and always in a schema before V4 (read as it
     * is by a read-only store), which has no dl_file_ends.
     */
    private static final String OPEN_ROWS = "{s}.dl_add_files f WHERE f.table_id = ? AND f.removed_version IS NULL";
    /** {@code {live_files}}: the open rows no pending end has ended. */
    private static final String LIVE_FILES = OPEN_ROWS + PENDING_END + ")";
    /** {@code {not_ended_at}} of {@code SnapshotQueries.FILES_AT}: no pending end by that version. */
    private static final String NOT_ENDED_AT = PENDING_END + " AND e.removed_version <= ?)";

    private static final String ANY_PENDING_SQL = "SELECT EXISTS (SELECT 1 FROM {s}.dl_file_ends WHERE table_id = ?)";

    private final PgTarget target;
    private final SqlNames names;
    /** Whether the schema has dl_file_ends (V4). */
    private final boolean fileEnds;

    PgDialect(PgTarget target, SqlNames names, boolean fileEnds) {
        this.target = target;
        this.names = names;
        this.fileEnds = fileEnds;
    }

    /**
     * Without a pending end for the table (the usual state: the writer settles them), the head's
     * live files are read without the anti-join: PostgreSQL otherwise runs it as a nested loop over
     * the empty table for every live row (~0.1 s for 200,000 files, a third of the query).
     */
    @Override
    public UnaryOperator<String> allLiveFiles(Connection conn, UUID tableId) throws SQLException {
        if (!fileEnds) {
            return this::sql;
        }
        try (PreparedStatement ps = conn.prepareStatement(names.sql(ANY_PENDING_SQL))) {
            ps.setObject(1, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return this::sql;
                }
            }
        }
        return template -> sql(template.replace("{live_files}", OPEN_ROWS));
    }

    @Override
    public String sql(String template) {
        return names.sql(template.replace("{live_files}", fileEnds ? LIVE_FILES : OPEN_ROWS)
                .replace("{not_ended_at}", fileEnds ? NOT_ENDED_AT : "")).replace("{binary}", "COLLATE \"C\"");
    }

    /** REPEATABLE READ: the head, the count and the files of a snapshot from one state, even while a writer commits. */
    @Override
    public void beginConsistentRead(Connection conn) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        }
    }

    @Override
    public void bindId(PreparedStatement ps, int index, UUID id) throws SQLException {
        ps.setObject(index, id);
    }

    @Override
    public UUID readId(ResultSet rs, int index) throws SQLException {
        return rs.getObject(index, UUID.class);
    }

    @Override
    public StoreException wrap(String doing, SQLException e) {
        return StoreErrors.wrap(target, doing, e);
    }

    @Override
    public String where() {
        return "schema " + names.schema() + " at " + target.server();
    }
}
