package io.deltasql.store.postgres;

import io.deltasql.store.schema.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Ends, in the database, the live rows that a group of versions ends: one statement per interval
 * table, each key with its own ending version ({@link IntervalRows.DatabaseEnd}).
 *
 * <p>Files: inserted as pending ends ({@link PendingFileEnds}).
 *
 * <p>The rest are ended at once (few rows): metadata and protocol by table, txns and domains by key.
 * The keyed plan must not depend on table statistics, which an import outruns (autovacuum may be off, and a new table has none): the keys
 * drive one probe each of the table's live index (LATERAL with {@code OFFSET 0}, so PostgreSQL
 * cannot pull the subquery up into a join it would then reorder), the matching rows are
 * materialised, and the update reaches them by {@code ctid = ANY (…)} — a TID scan, never a scan of
 * every row (a plain join on ctid is hashed against a sequential scan at a few thousand keys). See
 * docs/sql-model.md.
 */
final class LiveRowEnds {
    private final Connection conn;
    private final UUID tableId;
    private final PendingFileEnds files;
    private final String txns;
    private final String domains;
    private final String metadata;
    private final String protocols;

    LiveRowEnds(Connection conn, SqlNames names, UUID tableId, PendingFileEnds files) {
        this.conn = conn;
        this.tableId = tableId;
        this.files = files;
        this.txns = names.sql(keyed("dl_txn_actions", "version", "superseded_version",
                "unnest(?::text[], ?::bigint[]) AS k(app_id, v)", "x.app_id = k.app_id"));
        this.domains = names.sql(keyed("dl_domain_metadata", "version", "superseded_version",
                "unnest(?::text[], ?::bigint[]) AS k(domain, v)", "x.domain = k.domain"));
        this.metadata = names.sql(unkeyed("dl_metadata_updates"));
        this.protocols = names.sql(unkeyed("dl_protocol_updates"));
    }

    private static String keyed(String table, String versionColumn, String endColumn, String keys, String match) {
        return "WITH c AS MATERIALIZED (SELECT f.tid, k.v FROM " + keys + " CROSS JOIN LATERAL ("
                + "SELECT x.ctid AS tid, x." + versionColumn + " AS since FROM {s}." + table + " x WHERE "
                + "x.table_id = ? AND " + match + " AND x." + endColumn + " IS NULL OFFSET 0) f WHERE f.since < k.v) "
                + "UPDATE {s}." + table + " t SET " + endColumn + " = c.v FROM c "
                + "WHERE t.ctid = ANY (ARRAY(SELECT tid FROM c)) AND t.ctid = c.tid";
    }

    /** Metadata and protocol: one live row per table, ended by the group's first new one. */
    private static String unkeyed(String table) {
        return "UPDATE {s}." + table + " SET superseded_version = ? WHERE table_id = ? "
                + "AND superseded_version IS NULL AND version < ?";
    }

    void end(ActionRows.Interval interval, List<IntervalRows.DatabaseEnd> ends) throws SQLException {
        switch (interval) {
            case FILES -> files.insert(ends);
            case TXN -> endByKey(txns, ends);
            case DOMAIN -> endByKey(domains, ends);
            case METADATA -> endAll(metadata, ends);
            case PROTOCOL -> endAll(protocols, ends);
            default -> throw new IllegalArgumentException(interval.name());
        }
    }

    private void endByKey(String sql, List<IntervalRows.DatabaseEnd> ends) throws SQLException {
        String[] keys = new String[ends.size()];
        Long[] versions = new Long[ends.size()];
        for (int i = 0; i < ends.size(); i++) {
            keys[i] = ends.get(i).key();
            versions[i] = ends.get(i).version();
        }
        try (PreparedStatement ps = FreshPlans.prepare(conn, sql)) {
            ps.setArray(1, conn.createArrayOf("text", keys));
            ps.setArray(2, conn.createArrayOf("bigint", versions));
            ps.setObject(3, tableId);
            ps.executeUpdate();
        }
    }

    /** The only key is the table: the group's first new row ends the one live in the database. */
    private void endAll(String sql, List<IntervalRows.DatabaseEnd> ends) throws SQLException {
        long version = ends.get(0).version();
        try (PreparedStatement ps = FreshPlans.prepare(conn, sql)) {
            ps.setLong(1, version);
            ps.setObject(2, tableId);
            ps.setLong(3, version);
            ps.executeUpdate();
        }
    }
}
