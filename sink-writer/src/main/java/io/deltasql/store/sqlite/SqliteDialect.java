package io.deltasql.store.sqlite;

import io.deltasql.store.SqliteTarget;
import io.deltasql.store.StoreException;
import io.deltasql.store.read.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * SQLite: one schema per file (names unqualified), BINARY collation (code-point order for UTF-8), ids
 * as text, the live-file index named where the planner would not take it.
 */
final class SqliteDialect implements SqlDialect {
    /**
     * The live files: their rowids from the partial live index, then the rows in rowid order.
     * Without statistics SQLite would read them through the primary key on table_id (every row the
     * table ever had); read straight through the live index, which is ordered by a hash of the path
     * ({@link LiveKey}), each row is a random page of the table — 200,000 live files took 0.7–1.0 s
     * that way against 0.24 s in rowid order (and 0.12 s for a plain scan, which a long history of
     * removed files would make the slowest).
     */
    static final String LIVE_FILES_BY_ROWID = "dl_add_files f WHERE f.rowid IN (SELECT rowid FROM dl_add_files "
            + "INDEXED BY dl_add_files_live WHERE {live_table} AND removed_version IS NULL)";
    /**
     * The table's entries of the live index: since schema V3 it is keyed by the table's number (the
     * subquery runs once, as a constant), before by its id.
     */
    private static final String LIVE_TABLE_BY_NUMBER = "table_no = (SELECT table_no FROM dl_tables WHERE table_id = ?)";
    private static final String LIVE_TABLE_BY_ID = "table_id = ?";

    /**
     * The live files of a table most of whose rows are live, by its primary key's range: the rows in
     * insertion order without first collecting their rowids (a 200,000-file checkpoint base: Kernel's
     * first load 338 → 265 ms against {@link #LIVE_FILES_BY_ROWID}). A table with a long history of
     * removed files would read them all this way: {@link #allLiveFiles} decides.
     */
    static final String LIVE_FILES_BY_KEY = "dl_add_files f INDEXED BY sqlite_autoindex_dl_add_files_1 "
            + "WHERE f.table_id = ? AND f.removed_version IS NULL";
    private static final String LIVE_COUNT_SQL = "SELECT count(*) FROM dl_add_files INDEXED BY dl_add_files_live "
            + "WHERE {live_table} AND removed_version IS NULL";
    /** The table's rows, all versions, counted up to a bound (the primary key's entries only). */
    private static final String ROWS_UP_TO_SQL = "SELECT count(*) FROM (SELECT 1 FROM dl_add_files "
            + "INDEXED BY sqlite_autoindex_dl_add_files_1 WHERE table_id = ? LIMIT ?)";

    private final SqliteTarget target;
    private final String liveTable;

    /** @param tableNumbers schema V3+: the live index is keyed by {@code table_no} */
    SqliteDialect(SqliteTarget target, boolean tableNumbers) {
        this.target = target;
        this.liveTable = tableNumbers ? LIVE_TABLE_BY_NUMBER : LIVE_TABLE_BY_ID;
    }

    @Override
    public String sql(String template) {
        // {not_ended_at}: nothing, the writer ends every row at once (no dl_file_ends, see docs/sql-model.md).
        return template.replace("{live_files}", LIVE_FILES_BY_ROWID).replace("{live_table}", liveTable)
                .replace("{not_ended_at}", "").replace("{s}.", "").replace("{binary}", "COLLATE BINARY");
    }

    /**
     * By key range when at least half of the table's rows are live, else by rowid. Deciding costs two
     * index-only counts bounded by the live files (~25 ms for 200,000; the range saves ~70 ms).
     */
    @Override
    public UnaryOperator<String> allLiveFiles(Connection conn, UUID tableId) throws SQLException {
        long live = count(conn, LIVE_COUNT_SQL.replace("{live_table}", liveTable), tableId, -1);
        long bound = 2 * live + 1;
        boolean mostlyLive = live > 0 && count(conn, ROWS_UP_TO_SQL, tableId, bound) < bound;
        return template -> sql(mostlyLive ? template.replace("{live_files}", LIVE_FILES_BY_KEY) : template);
    }

    private long count(Connection conn, String sql, UUID tableId, long limit) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bindId(ps, 1, tableId);
            if (limit >= 0) {
                ps.setLong(2, limit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void bindId(PreparedStatement ps, int index, UUID id) throws SQLException {
        ps.setString(index, id.toString());
    }

    @Override
    public UUID readId(ResultSet rs, int index) throws SQLException {
        return UUID.fromString(rs.getString(index));
    }

    @Override
    public StoreException wrap(String doing, SQLException e) {
        return SqliteErrors.wrap(target, doing, e);
    }

    @Override
    public String where() {
        return target.file().toString();
    }
}
