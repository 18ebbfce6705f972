package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.write.WriterOptions;
import io.deltasql.testing.PgTestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A synthetic table big enough for the planner to pick indexes (200 versions, 100k adds, half of
 * them removed later): the snapshot queries must use the indexes the model is designed around,
 * and the store must stay within 2× the JSON log size. Writes the plans and figures to
 * target/sql-model-explain.txt (copied into docs/sql-model.md).
 */
class SqlModelExplainIT {
    @RegisterExtension
    final PgTestDatabase db = new PgTestDatabase();

    private static final int VERSIONS = 60;
    private static final int ADDS_PER_VERSION = 500;

    @Test
    void snapshotQueriesUseTheirIndexesAndTheStoreIsCompact() throws Exception {
        long jsonBytes = 0;
        List<VersionBatch> batches = new ArrayList<>();
        for (int v = 0; v < VERSIONS; v++) {
            List<Action> actions = new ArrayList<>();
            actions.add(new CommitInfo(1_700_000_000_000L + v * 1000L, null, "WRITE", (com.fasterxml.jackson.databind.node.ObjectNode)
                    ActionCodec.mapper().readTree("{\"operationParameters\":{\"mode\":\"Append\"},\"isBlindAppend\":true,"
                            + "\"engineInfo\":\"Apache-Spark/3.5.0 Delta-Lake/3.2.0\",\"txnId\":\"" + java.util.UUID.randomUUID() + "\"}")));
            if (v == 0) {
                actions.add(Actions.protocol(1, 2));
                actions.add(Actions.metadata("{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}"));
            }
            for (int i = 0; i < ADDS_PER_VERSION; i++) {
                actions.add(new AddFile(path(v, i), Map.of("date", "2024-01-" + (10 + v % 20)), 100_000L + i,
                        1_700_000_000_000L + v, true, stats(i), null, null, null, null, null, null));
            }
            if (v > 0) {
                for (int i = 0; i < ADDS_PER_VERSION / 2; i++) {
                    actions.add(new RemoveFile(path(v - 1, i * 2), 1_700_000_000_000L + v, true, true,
                            Map.of("date", "2024-01-" + (10 + (v - 1) % 20)), 100_000L + i * 2, null, null, null, null, null, null));
                }
            }
            for (Action a : actions) {
                jsonBytes += ActionCodec.toJson(a).getBytes(StandardCharsets.UTF_8).length + 1;
            }
            batches.add(SharedTables.batch(v, Origin.COMMIT, 1_700_000_000_000L + v * 1000L, actions));
        }
        StringBuilder out = new StringBuilder();
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("synthetic", "file:/synthetic", false);
            RegisteredTable other = store.register("other", "file:/other", false);
            try (VersionWriter w = store.writer(t, WriterOptions.defaults())) {
                w.applyAll(SharedTables.iterator(batches.iterator()));
            }
            try (VersionWriter w = store.writer(other, WriterOptions.defaults())) {
                w.applyAll(SharedTables.iterator(batches.subList(0, 20).iterator()));
            }
            SnapshotQueries q = store.queries();
            assertThat(q.latest(t).numFiles()).isEqualTo((long) ADDS_PER_VERSION * VERSIONS / 2 + ADDS_PER_VERSION / 2);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("ANALYZE");
                String id = t.id().toString();
                // Here one table holds most rows, so the planner may rightly prefer a seq scan; the
                // second plan (seq scans off) shows the index serves the query shape.
                explain(c, "latest live files", q.sqlOf(SnapshotQueries.FILES_LIVE_SQL), id, null, out);
                explain(c, "live files at version 30 (time travel)", q.sqlOf(SnapshotQueries.FILES_AT_SQL), id, 30L, out);
                s.execute("SET enable_seqscan = off");
                String latest = explain(c, "latest live files, seq scans off", q.sqlOf(SnapshotQueries.FILES_LIVE_SQL), id, null, out);
                String travel = explain(c, "live files at version 30, seq scans off", q.sqlOf(SnapshotQueries.FILES_AT_SQL), id, 30L, out);
                s.execute("RESET enable_seqscan");
                Files.writeString(Path.of("target", "sql-model-explain.txt"), out.toString());
                assertThat(latest).containsPattern("Index Scan (using|on) dl_add_files_(live|pkey)");
                assertThat(travel).contains("dl_add_files_pkey");
                explain(c, "protocol at version 30", q.sqlOf(SnapshotQueries.PROTOCOL_AT_SQL), id, 30L, out);
                explain(c, "metadata at version 30", q.sqlOf(SnapshotQueries.METADATA_AT_SQL), id, 30L, out);
                explain(c, "version at a timestamp", q.sqlOf(SnapshotQueries.VERSION_AT_TIME_SQL), id, 1_700_000_030_500L, out);
                long withDeadTuples = dlTablesSize(s);
                // This log is a worst case for dead tuples (each version closes half of the previous
                // version's files) and autovacuum may be off on a test server: measure the space the
                // data needs, as autovacuum would leave it reusable, and report both figures.
                s.execute("VACUUM FULL");
                out.append(String.format("size before VACUUM FULL (dead tuples of interval closes included): %,d bytes%n",
                        withDeadTuples));
                try (ResultSet rs = s.executeQuery(DL_TABLES_SIZE_SQL)) {
                    rs.next();
                    // the store also holds the 20-version "other" table: count its JSON too
                    long otherJson = 0;
                    for (VersionBatch b : batches.subList(0, 20)) {
                        try (var it = b.actions().open()) {
                            while (it.hasNext()) {
                                otherJson += ActionCodec.toJson(it.next()).getBytes(StandardCharsets.UTF_8).length + 1;
                            }
                        }
                    }
                    long dbBytes = rs.getLong(1);
                    double ratio = (double) dbBytes / (jsonBytes + otherJson);
                    out.append(String.format("size: dl_* tables incl. indexes %,d bytes; JSON log %,d bytes; ratio %.2f%n",
                            dbBytes, jsonBytes + otherJson, ratio));
                    assertThat(ratio).as("DB size / JSON size").isLessThanOrEqualTo(2.0);
                }
            }
        }
        Files.writeString(Path.of("target", "sql-model-explain.txt"), out.toString());
    }

    private static final String DL_TABLES_SIZE_SQL = "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' "
            + "AND c.relname LIKE 'dl\\_%'";

    private static long dlTablesSize(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery(DL_TABLES_SIZE_SQL)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String explain(Connection c, String title, String sql, String tableId, Long version, StringBuilder out)
            throws Exception {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (COSTS OFF) " + sql)) {
            ps.setObject(1, java.util.UUID.fromString(tableId));
            if (version != null) {
                for (int p = 2; p <= ps.getParameterMetaData().getParameterCount(); p++) {
                    ps.setLong(p, version);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        out.append("-- ").append(title).append('\n').append(sql).append('\n').append(plan).append('\n');
        return plan.toString();
    }

    private static String path(int v, int i) {
        return String.format("date=2024-01-%02d/part-%05d-%08x-1c9b5e60-ab86-4017-9ec9-a6fe4150cdd5-c000.snappy.parquet",
                10 + v % 20, i, v);
    }

    private static String stats(int i) {
        return "{\"numRecords\":" + (1000 + i) + ",\"minValues\":{\"id\":" + i + "},\"maxValues\":{\"id\":" + (i + 999)
                + "},\"nullCount\":{\"id\":0}}";
    }
}
