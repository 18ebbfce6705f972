package io.deltasql.store.postgres;

import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreException;
import io.deltasql.store.schema.SqlNames;
import io.deltasql.store.write.HeadState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's statements on its table's own row (the head, the missing ranges) and a checkpoint's
 * close of everything live, all in the writer's open transaction.
 */
final class PgTableStatements {
    private static final Logger LOG = LoggerFactory.getLogger(PgTableStatements.class);

    private final Connection conn;
    private final PgTarget target;
    private final SqlNames names;
    private final RegisteredTable table;

    PgTableStatements(Connection conn, PgTarget target, SqlNames names, RegisteredTable table) {
        this.conn = conn;
        this.target = target;
        this.names = names;
        this.table = table;
    }

    /** The head as committed (ends the read's transaction). */
    long readHead() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(names.sql("SELECT head_version FROM {s}.dl_tables WHERE table_id = ?"))) {
            ps.setObject(1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("table '" + table.name() + "' (" + table.id() + ") is not registered in schema "
                            + names.schema() + " at " + target.server() + " — was it deleted? register it again");
                }
                long h = rs.getLong(1);
                conn.commit();
                return h;
            }
        }
    }

    /** A checkpoint is the whole state: every row live before it ends at {@code version}. */
    void closeAllLive(long version) throws SQLException {
        update("UPDATE {s}.dl_add_files SET removed_version = ? WHERE table_id = ? AND removed_version IS NULL", version);
        for (String t : List.of("dl_metadata_updates", "dl_protocol_updates", "dl_txn_actions", "dl_domain_metadata")) {
            update("UPDATE {s}." + t + " SET superseded_version = ? WHERE table_id = ? AND superseded_version IS NULL",
                    version);
        }
    }

    /** Runs an UPDATE whose parameters are (version, table_id). */
    private void update(String template, long version) throws SQLException {
        try (PreparedStatement ps = FreshPlans.prepare(conn, names.sql(template))) {
            ps.setLong(1, version);
            ps.setObject(2, table.id());
            ps.executeUpdate();
        }
    }

    void recordMissingRange(long from, long to) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(names.sql("UPDATE {s}.dl_tables SET missing_ranges = missing_ranges "
                + "|| jsonb_build_array(jsonb_build_object('from', ?::bigint, 'to', ?::bigint)), updated_at = now() WHERE table_id = ?"))) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setObject(3, table.id());
            ps.executeUpdate();
        }
        LOG.info("table {}: versions {}..{} are not in the log; continuing from a checkpoint", table.name(), from, to);
    }

    /** Compare-and-set: only moves the head from where this writer believes it is. */
    void advanceHead(HeadState.Unflushed v) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(names.sql("UPDATE {s}.dl_tables SET head_version = ?, "
                + "first_version = COALESCE(first_version, ?), updated_at = now() WHERE table_id = ? AND head_version = ?"))) {
            ps.setLong(1, v.to());
            ps.setLong(2, v.first());
            ps.setObject(3, table.id());
            ps.setLong(4, v.from());
            if (ps.executeUpdate() != 1) {
                throw new StoreException("table '" + table.name() + "' changed under this writer: its head is no longer "
                        + v.from() + " (deleted or re-registered?) — versions " + (v.from() + 1) + " to " + v.to() + " were not written");
            }
        }
    }
}
