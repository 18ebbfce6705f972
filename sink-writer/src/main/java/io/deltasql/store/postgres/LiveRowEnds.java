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
 * <p>The plan must not depend on table statistics, which an import outruns (autovacuum may be off,
 * and a new table has none): the keys drive one probe each of the table's live index (LATERAL with
 * {@code OFFSET 0}, so PostgreSQL cannot pull the subquery up into a join it would then reorder), the
 * matching rows are materialised, and the update reaches them by {@code ctid = ANY (…)} — a TID scan,
 * never a scan of every row (a plain join on ctid is hashed against a sequential scan at a few
 * thousand keys). See docs/sql-model.md.
 */
final class LiveRowEnds {
    private final Connection conn;
    private final UUID tableId;
    private final String files;
    private final String txns;
    private final String domains;
    private final String metadata;
    private final String protocols;

    LiveRowEnds(Connection conn, SqlNames names, UUID tableId) {
        this.conn = conn;
        this.tableId = tableId;
        this.files = names.sql(keyed("dl_add_files", "added_version", "removed_version",
                "unnest(?::text[], ?::text[], ?::bigint[]) AS k(path, dv_id, v)",
                // Only the live index's expression (V2) can find the row: the table is named inside
                // the digest, and rechecked with IS NOT DISTINCT FROM, which no index serves, so the
                // primary key on table_id is never a way in (see V2__compact_live_file_index.sql).
                "md5(x.table_id::text || E'\\x01' || x.dv_id || E'\\x01' || COALESCE(x.path_key, x.path))::uuid "
                        + "= md5(?::uuid::text || E'\\x01' || k.dv_id || E'\\x01' || k.path)::uuid "
                        + "AND x.table_id IS NOT DISTINCT FROM ?::uuid "
                        + "AND COALESCE(x.path_key, x.path) = k.path AND x.dv_id = k.dv_id", false));
        this.txns = names.sql(keyed("dl_txn_actions", "version", "superseded_version",
                "unnest(?::text[], ?::bigint[]) AS k(app_id, v)", "x.app_id = k.app_id", true));
        this.domains = names.sql(keyed("dl_domain_metadata", "version", "superseded_version",
                "unnest(?::text[], ?::bigint[]) AS k(domain, v)", "x.domain = k.domain", true));
        this.metadata = names.sql(unkeyed("dl_metadata_updates"));
        this.protocols = names.sql(unkeyed("dl_protocol_updates"));
    }

    /** {@code byTableId}: the match starts with {@code x.table_id = ?}; else the match binds the table itself. */
    private static String keyed(String table, String versionColumn, String endColumn, String keys, String match,
                                boolean byTableId) {
        return "WITH c AS MATERIALIZED (SELECT f.tid, k.v FROM " + keys + " CROSS JOIN LATERAL ("
                + "SELECT x.ctid AS tid, x." + versionColumn + " AS since FROM {s}." + table + " x WHERE "
                + (byTableId ? "x.table_id = ? AND " : "")
                + match + " AND x." + endColumn + " IS NULL OFFSET 0) f WHERE f.since < k.v) "
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
            case FILES -> endFiles(ends);
            case TXN -> endByKey(txns, ends);
            case DOMAIN -> endByKey(domains, ends);
            case METADATA -> endAll(metadata, ends);
            case PROTOCOL -> endAll(protocols, ends);
            default -> throw new IllegalArgumentException(interval.name());
        }
    }

    private void endFiles(List<IntervalRows.DatabaseEnd> ends) throws SQLException {
        String[] paths = new String[ends.size()];
        String[] dvIds = new String[ends.size()];
        Long[] versions = new Long[ends.size()];
        for (int i = 0; i < ends.size(); i++) {
            String key = ends.get(i).key();
            int nul = key.indexOf('\0'); // ActionColumns.fileKey: path NUL dv_id
            paths[i] = key.substring(0, nul);
            dvIds[i] = key.substring(nul + 1);
            versions[i] = ends.get(i).version();
        }
        try (PreparedStatement ps = FreshPlans.prepare(conn, files)) {
            ps.setArray(1, conn.createArrayOf("text", paths));
            ps.setArray(2, conn.createArrayOf("text", dvIds));
            ps.setArray(3, conn.createArrayOf("bigint", versions));
            ps.setObject(4, tableId); // inside the digest
            ps.setObject(5, tableId); // the recheck
            ps.executeUpdate();
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
