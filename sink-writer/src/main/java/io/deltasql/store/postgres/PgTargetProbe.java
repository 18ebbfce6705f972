package io.deltasql.store.postgres;

import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreErrors;
import io.deltasql.store.TargetProbe;
import io.deltasql.store.schema.SchemaCheck;
import io.deltasql.store.schema.SchemaMigrator;
import io.deltasql.store.schema.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link TargetProbe} on PostgreSQL: the connection {@link PostgresStore#connect} would open, set
 * read-only before its first statement, and {@link SchemaMigrator#check} (the refusals a migration
 * would give) instead of the migration.
 */
public final class PgTargetProbe implements TargetProbe {
    private final PgTarget target;
    private final SqlNames names;
    private final Connection conn;
    private final SchemaCheck schema;

    private PgTargetProbe(PgTarget target, Connection conn, SchemaCheck schema) {
        this.target = target;
        this.names = new SqlNames(target.schema());
        this.conn = conn;
        this.schema = schema;
    }

    public static PgTargetProbe open(PgTarget target) {
        Connection c = PostgresStore.open(target);
        try {
            c.setReadOnly(true);
            return new PgTargetProbe(target, c, SchemaMigrator.check(target, c));
        } catch (SQLException e) {
            close(c);
            throw StoreErrors.wrap(target, "connecting", e);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    @Override
    public Optional<RegisteredTable> find(String name) {
        try {
            try (PreparedStatement ps = conn.prepareStatement("SELECT to_regclass(?)")) {
                ps.setString(1, names.sql("{s}.dl_tables"));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(names.sql(
                    "SELECT table_id, name, location, head_version FROM {s}.dl_tables WHERE name = ?"))) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new RegisteredTable(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getString(3), rs.getLong(4))) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "looking up table " + name, e);
        }
    }

    @Override
    public void requireNoWriter(RegisteredTable table) {
        try {
            conn.setAutoCommit(false);
            try {
                TableLock.lockTransaction(conn, target, table); // an advisory lock: allowed read-only, released by the rollback
            } finally {
                conn.rollback();
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreErrors.wrap(target, "checking for a writer of table " + table.name(), e);
        }
    }

    @Override
    public List<String> wouldCreate() {
        List<String> out = new ArrayList<>();
        if (!schema.schemaExists()) {
            out.add("schema " + target.schema());
        }
        if (!schema.pendingScripts().isEmpty()) {
            out.add("the dl_* tables (" + schema.pendingScripts().size() + " migration"
                    + (schema.pendingScripts().size() == 1 ? "" : "s") + ")");
        }
        return out;
    }

    @Override
    public void close() {
        close(conn);
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to do
        }
    }
}
