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
    private final SqliteTarget target;

    SqliteDialect(SqliteTarget target) {
        this.target = target;
    }

    @Override
    public String sql(String template) {
        // Without statistics SQLite reads the latest files through the primary key on table_id, every
        // row the table ever had; the partial live index holds exactly the live ones.
        return template.replace("{s}.", "").replace("{binary}", "COLLATE BINARY")
                .replace("{live}", "INDEXED BY dl_add_files_live");
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
