package io.deltasql.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.SharedTables;
import io.deltasql.store.Targets;
import io.deltasql.store.read.SqlSnapshot;
import io.deltasql.testing.PgTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer's session plans with PostgreSQL's default whatever the database says: a database-wide
 * {@code force_custom_plan} made PostgreSQL re-plan the foreign keys' check for every row of every
 * COPY (half of a checkpoint's COPY time in the planner), and {@code force_generic_plan} would keep
 * plans made for an empty table. The statements that depend on the table's size are planned afresh
 * per execution instead ({@link FreshPlans}); the import is right under every setting.
 */
class WriterSessionIT {
    @RegisterExtension
    final PgTestDatabase db = new PgTestDatabase();

    @ParameterizedTest
    @ValueSource(strings = {"auto", "force_custom_plan", "force_generic_plan"})
    void runsWithTheDefaultPlanCacheModeAndEndsFilesRightUnderAnyDatabaseSetting(String databaseMode) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + db.name() + " SET plan_cache_mode = " + databaseMode);
        }
        List<VersionBatch> versions = new ArrayList<>();
        for (int v = 0; v < 12; v++) { // more than pgjdbc's 5 uses before it server-prepares a statement
            List<Action> actions = new ArrayList<>();
            actions.add(new CommitInfo(1000L + v, null, "WRITE", null));
            for (int i = 0; i < 50; i++) {
                actions.add(new AddFile("v" + v + "/f" + i, Map.of(), 10L, 1L, true, null, null, null, null, null, null, null));
            }
            if (v > 0) { // every version removes half of the files of the one before
                for (int i = 0; i < 50; i += 2) {
                    actions.add(new RemoveFile("v" + (v - 1) + "/f" + i, 2L, true, null, null, null, null, null, null, null,
                            null, null));
                }
            }
            versions.add(SharedTables.batch(v, Origin.COMMIT, 1000L + v, actions));
        }
        try (PostgresStore store = PostgresStore.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (PgVersionWriter w = store.writer(t)) { // one transaction per version: the ends run 11 times
                assertThat(w.sessionSetting("plan_cache_mode")).isEqualTo("auto");
                for (VersionBatch b : versions) {
                    w.apply(b);
                }
                assertThat(w.head()).isEqualTo(11);
            }
            SqlSnapshot latest = store.queries().latest(t);
            // 11 versions keep 25 of their 50 files; the last keeps all 50
            assertThat(latest.numFiles()).isEqualTo(11 * 25 + 50);
            assertThat(latest.files()).extracting(AddFile::path).doesNotContain("v0/f0", "v10/f48").contains("v0/f1", "v11/f0");
        }
    }
}
