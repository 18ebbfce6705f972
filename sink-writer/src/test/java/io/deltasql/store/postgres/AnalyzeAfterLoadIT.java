package io.deltasql.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.store.Actions;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.SharedTables;
import io.deltasql.store.Stores;
import io.deltasql.store.Targets;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.write.WriterOptions;
import io.deltasql.testing.PgTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer gives the planner statistics of what it bulk-loads (issue #18): ANALYZE right after a
 * checkpoint base is committed, and at close for every table it filled with enough rows; a small
 * write is left to autovacuum. {@code last_analyze} counts only explicit ANALYZEs, not autovacuum's.
 */
class AnalyzeAfterLoadIT {
    @RegisterExtension
    final PgTestDatabase db = new PgTestDatabase();

    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[]}";

    private static VersionBatch checkpointBase(long version, int files) {
        List<Action> actions = new ArrayList<>(List.of(Actions.protocol(1, 2), Actions.metadata(SCHEMA)));
        for (int i = 0; i < files; i++) {
            actions.add(Actions.add("part-" + i + ".parquet", 100 + i));
        }
        return SharedTables.batch(version, Origin.CHECKPOINT, 1000, actions);
    }

    private static VersionBatch commit(long version, int adds) {
        List<Action> actions = new ArrayList<>(List.of(Actions.commitInfo(1000 + version, "WRITE")));
        if (version == 0) {
            actions.add(Actions.protocol(1, 2));
            actions.add(Actions.metadata(SCHEMA));
        }
        for (int i = 0; i < adds; i++) {
            actions.add(Actions.add("v" + version + "-" + i + ".parquet", 10));
        }
        return SharedTables.batch(version, Origin.COMMIT, 1000 + version, actions);
    }

    private boolean analysed(String table) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(table).isTrue();
                return rs.getBoolean(1);
            }
        }
    }

    /** The columns of {@code table} that have statistics. */
    private List<String> columnsWithStatistics(String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT attname FROM pg_stats WHERE schemaname = 'public' AND tablename = ? ORDER BY attname")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** The planner's row estimate for the latest snapshot's files of {@code t}. */
    private long estimatedLiveFiles(MetadataStore store, RegisteredTable t) throws Exception {
        String sql = store.queries().sqlOf(io.deltasql.store.read.SnapshotQueries.FILES_LIVE_SQL);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
            ps.setObject(1, t.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return io.deltasql.log.action.ActionCodec.mapper().readTree(rs.getString(1)).get(0).get("Plan").get("Plan Rows").asLong();
            }
        }
    }

    @Test
    void aCheckpointBaseIsAnalysedOnceCommittedAndThePlannerKnowsItsSize() throws Exception {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(t, WriterOptions.defaults())) {
                assertThat(analysed("dl_add_files")).isFalse();
                w.apply(checkpointBase(10, 20_000));
                w.commit();
                assertThat(analysed("dl_add_files")).as("right after the base, writer still open").isTrue();
                assertThat(analysed("dl_protocol_updates")).isTrue();
                assertThat(analysed("dl_remove_files")).as("got no rows").isFalse();
                assertThat(estimatedLiveFiles(store, t)).as("the planner's estimate of the live files")
                        .isBetween(10_000L, 40_000L);
                assertThat(columnsWithStatistics("dl_add_files")).as("the columns the queries select by, not the wide ones")
                        .containsExactlyInAnyOrder("table_id", "added_version", "ordinal", "removed_version", "dv_id");
                assertThat(columnsWithStatistics("dl_protocol_updates")).as("a small table: every column").contains("table_id", "version");
                w.apply(commit(11, 3));
                w.commit();
            }
            assertThat(store.queries().latest(t).numFiles()).isEqualTo(20_003);
        }
    }

    @Test
    void closingAfterABulkLoadAnalysesWhatItFilledButASmallWriteIsLeftToAutovacuum() throws Exception {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable small = store.register("small", "file:/small", false);
            try (VersionWriter w = store.writer(small)) {
                for (long v = 0; v < 5; v++) {
                    w.apply(commit(v, 3));
                }
            }
            assertThat(analysed("dl_add_files")).as("15 adds").isFalse();

            RegisteredTable big = store.register("big", "file:/big", false);
            try (VersionWriter w = store.writer(big, WriterOptions.defaults())) {
                for (long v = 0; v < 60; v++) {
                    w.apply(commit(v, 50));
                }
                w.commit();
                assertThat(analysed("dl_add_files")).as("not before the writer closes").isFalse();
            }
            assertThat(analysed("dl_add_files")).as("3,000 adds").isTrue();
            assertThat(analysed("dl_commit_infos")).as("60 rows").isFalse();
        }
    }
}
