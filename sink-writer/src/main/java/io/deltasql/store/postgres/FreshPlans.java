package io.deltasql.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGStatement;

/**
 * Statements that PostgreSQL plans afresh at every execution, with the values bound and the table's
 * size as it is now.
 *
 * <p>Why: pgjdbc server-prepares a statement after five uses and PostgreSQL may then keep a generic
 * plan made while the table was nearly empty (the close of replaced files then scanned every live row:
 * quadratic imports). An unnamed statement ({@code prepareThreshold = 0}) is parsed anew each time, so
 * under the session's {@code plan_cache_mode = auto} it always gets a custom plan. This is done per
 * statement, not with a session-wide {@code force_custom_plan}: that setting also reaches the foreign
 * keys' trigger queries, which PostgreSQL then re-planned for every row of every COPY (perf: half of
 * the COPY's time in the planner).
 */
final class FreshPlans {
    private FreshPlans() {
    }

    static PreparedStatement prepare(Connection conn, String sql) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        return ps;
    }
}
