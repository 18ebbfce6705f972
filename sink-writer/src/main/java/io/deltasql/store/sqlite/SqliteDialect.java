package io.deltasql.store.sqlite;

import io.deltasql.store.SqliteTarget;
import io.deltasql.store.StoreException;
import io.deltasql.store.read.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

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
    static final String LIVE_FILES_BY_ROWID = "dl_add_files WHERE rowid IN (SELECT rowid FROM dl_add_files "
            + "INDEXED BY dl_add_files_live WHERE table_id = ? AND removed_version IS NULL)";

    private final SqliteTarget target;

    SqliteDialect(SqliteTarget target) {
        this.target = target;
    }

    @Override
    public String sql(String template) {
        return template.replace("{live_files}", LIVE_FILES_BY_ROWID).replace("{s}.", "").replace("{binary}", "COLLATE BINARY");
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
