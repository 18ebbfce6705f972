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

/** PostgreSQL: the target schema quoted, {@code COLLATE "C"} for code-point order, uuid ids. */
final class PgDialect implements SqlDialect {
    /** {@code {live_files}}: the planner takes the partial live index by itself. */
    private static final String LIVE_FILES = "{s}.dl_add_files WHERE table_id = ? AND removed_version IS NULL";

    private final PgTarget target;
    private final SqlNames names;

    PgDialect(PgTarget target, SqlNames names) {
        this.target = target;
        this.names = names;
    }

    @Override
    public String sql(String template) {
        return names.sql(template.replace("{live_files}", LIVE_FILES)).replace("{binary}", "COLLATE \"C\"");
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
