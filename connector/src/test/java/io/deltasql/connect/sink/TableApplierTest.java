package io.deltasql.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.connect.metrics.SinkTableMetrics;
import io.deltasql.connect.record.VersionRecord;
import io.deltasql.log.Origin;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.Stores;
import io.deltasql.store.read.VersionInfo;
import io.deltasql.testing.PgDatabase;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink's reassembly rules against the real writer and PostgreSQL (one database per test). */
class TableApplierTest {
    private static final TopicPartition TP = new TopicPartition("p.t", 0);
    private static final List<String> V0 = SampleVersions.V0;
    private static final List<String> V1 = SampleVersions.V1;
    private static final List<String> V2 = List.of(
            "{\"remove\":{\"path\":\"a\",\"deletionTimestamp\":3,\"dataChange\":true}}");

    private static PgDatabase db;
    private static MetadataStore store;
    private static int tables;
    private RegisteredTable table;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = PgDatabase.create("deltasql_connect_it");
        store = Stores.connect(PgTarget.parse(db.uri(), Map.of(), null).withTable(null));
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        store.close();
        db.close();
    }

    @BeforeEach
    void registerTable() {
        String name = "t" + (++tables);
        table = store.register(name, "file:///" + name, false);
    }

    private SinkTableMetrics metrics;

    private TableApplier applier() {
        return applier(1_000_000);
    }

    /** With the writer options of the sink itself (group mode: the applier decides every commit). */
    private TableApplier applier(long commitMaxActions) {
        metrics = SinkTableMetrics.unregistered("t");
        return new TableApplier("t", TP, store.writer(table, StoreTableWriters.writerOptions(4 << 20)), metrics,
                commitMaxActions);
    }

    private static VersionRecord rec(long version, List<String> actions, int index) {
        return rec(version, actions, index, Origin.COMMIT);
    }

    private static VersionRecord rec(long version, List<String> actions, int index, Origin origin) {
        return new VersionRecord("t", "file:///t", version, index, actions.size(), origin, 10 + version, "x",
                actions.get(index));
    }

    private List<Long> history() {
        return store.queries().history(store.find(table.name()).orElseThrow()).stream().map(VersionInfo::version).toList();
    }

    @Test
    void versionsSpanningBatchesCommitOnlyWhenCompleteAndOffsetsFollowPostgres() {
        try (TableApplier a = applier()) {
            a.accept(0, rec(0, V0, 0));
            a.accept(1, rec(0, V0, 1));
            a.endOfBatch();
            assertThat(a.committedOffset()).as("nothing committed mid-version").isEqualTo(-1);
            a.accept(2, rec(0, V0, 2));
            a.accept(3, rec(1, V1, 0));
            a.endOfBatch();
            // v0 is complete but shares the open transaction with v1, which continues in the next batch.
            assertThat(history()).isEmpty();
            assertThat(a.committedOffset()).isEqualTo(-1);
            a.accept(4, rec(1, V1, 1));
            a.accept(5, rec(1, V1, 2));
            a.endOfBatch();
            assertThat(a.awaitCommittedOffset()).isEqualTo(6);
            assertThat(history()).containsExactly(0L, 1L);
        }
    }

    @Test
    void commitMaxActionsCommitsBetweenVersionsOnlyAndTheWriterNeverCommitsOnItsOwn() {
        try (TableApplier a = applier(4)) {
            for (int i = 0; i < 3; i++) {
                a.accept(i, rec(0, V0, i));
            }
            // 3 actions < 4: v0 waits for more; the writer's own group limits (5000 actions / 200 ms)
            // must not commit it either, however long it waits.
            assertThat(history()).isEmpty();
            a.accept(3, rec(1, V1, 0));
            a.accept(4, rec(1, V1, 1));
            assertThat(history()).as("never inside a version").isEmpty();
            a.accept(5, rec(1, V1, 2));
            // v1 ends with 6 actions pending >= 4: v0 and v1 in one transaction, at the version boundary.
            assertThat(a.awaitCommittedOffset()).isEqualTo(6);
            assertThat(history()).containsExactly(0L, 1L);
            a.accept(6, rec(2, V2, 0));
            assertThat(a.awaitCommittedOffset()).isEqualTo(6);
            assertThat(history()).as("1 action < 4: until the end of the batch").containsExactly(0L, 1L);
            a.endOfBatch();
            assertThat(a.awaitCommittedOffset()).isEqualTo(7);
            assertThat(history()).containsExactly(0L, 1L, 2L);
            assertThat(store.queries().latest(store.find(table.name()).orElseThrow()).files()).extracting(f -> f.path())
                    .containsExactlyInAnyOrder("b", "c");
        }
    }

    @Test
    void aFailedGroupCommitLeavesTheOffsetsAtWhatPostgresHolds() throws Exception {
        try (TableApplier a = applier()) {
            for (int i = 0; i < 3; i++) {
                a.accept(i, rec(0, V0, i));
            }
            a.endOfBatch();
            assertThat(a.awaitCommittedOffset()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                a.accept(3 + i, rec(1, V1, i));
            }
            // Someone moves the head under the writer: its rows of v1 go out at commit and the
            // head's compare-and-set fails there, in the writer's background.
            try (var c = db.connect();
                 var ps = c.prepareStatement("UPDATE dl_tables SET head_version = 41 WHERE name = ?")) {
                ps.setString(1, table.name());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            a.endOfBatch();
            assertThat(a.awaitCommittedOffset()).as("Kafka may still commit only what PostgreSQL held").isEqualTo(3);
            assertThatThrownBy(() -> a.accept(6, rec(2, V2, 0))).as("the failure surfaces with the next version")
                    .hasMessageContaining("changed under this writer");
            assertThat(a.resumeOffset()).as("read version 1 again").isEqualTo(3);
            assertThat(history()).containsExactly(0L);
        }
    }

    @Test
    void versionsCompleteBeforeOneThatCannotEndInThisBatchAreCommittedFirst() {
        try (TableApplier a = applier()) {
            a.accept(0, rec(0, V0, 0), 3);
            a.accept(1, rec(0, V0, 1), 2);
            a.accept(2, rec(0, V0, 2), 1);
            // Version 1 has 3 actions, only 1 is left in this batch: it may stay open for long (a stalled
            // source), so version 0 is committed now instead of waiting in the open transaction.
            a.accept(3, rec(1, V1, 0), 0);
            assertThat(a.awaitCommittedOffset()).isEqualTo(3);
            assertThat(history()).containsExactly(0L);
            assertThat(a.resumeOffset()).as("a new writer would read version 1 from its start").isEqualTo(3);
            a.endOfBatch();
            a.accept(4, rec(1, V1, 1), 1);
            a.accept(5, rec(1, V1, 2), 0);
            a.endOfBatch();
            assertThat(a.awaitCommittedOffset()).isEqualTo(6);
            assertThat(history()).containsExactly(0L, 1L);
        }
    }

    @Test
    void redeliveredRecordsAndVersionsAreSkipped() {
        try (TableApplier a = applier()) {
            a.accept(0, rec(0, V0, 0));
            a.accept(1, rec(0, V0, 1));
            a.accept(2, rec(0, V0, 0)); // a duplicate inside the open version
            a.accept(3, rec(0, V0, 1));
            a.accept(4, rec(0, V0, 2));
            for (int i = 0; i < 3; i++) {
                a.accept(5 + i, rec(0, V0, i)); // the whole version again
            }
            a.accept(8, rec(1, V1, 0));
            a.accept(9, rec(1, V1, 1));
            a.accept(10, rec(1, V1, 2));
            a.endOfBatch();
            assertThat(a.awaitCommittedOffset()).isEqualTo(11);
            assertThat(history()).containsExactly(0L, 1L);
            assertThat(store.queries().latest(store.find(table.name()).orElseThrow()).files()).extracting(f -> f.path())
                    .containsExactly("a", "b", "c");
            assertThat(metrics.getVersionsApplied()).isEqualTo(2);
            assertThat(metrics.getVersionsSkipped()).isEqualTo(1);
            assertThat(metrics.getActionsApplied()).isEqualTo(6);
        }
    }

    @Test
    void aMissingRecordRejectsTheWholeVersion() {
        TableApplier a = applier();
        a.accept(0, rec(0, V0, 0));
        a.accept(1, rec(0, V0, 1));
        a.accept(2, rec(0, V0, 2));
        a.endOfBatch();
        a.accept(3, rec(1, V1, 0));
        assertThatThrownBy(() -> a.accept(4, rec(1, V1, 2))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("version 1 is incomplete").hasMessageContaining("expected action 1 of 3")
                .hasMessageContaining("up to version 0");
        a.close();
        assertThat(history()).containsExactly(0L);
        assertThat(metrics.getLastVersionApplied()).isZero();
        assertThat(metrics.getLastVersionReceived()).isEqualTo(1);
    }

    @Test
    void aGapStopsWithTheVersionPostgresHolds() {
        try (TableApplier a = applier()) {
            a.accept(0, rec(0, V0, 0));
            a.accept(1, rec(0, V0, 1));
            a.accept(2, rec(0, V0, 2));
            a.endOfBatch();
            assertThatThrownBy(() -> a.accept(3, rec(2, V2, 0))).isInstanceOf(ConnectException.class)
                    .hasMessageContaining("version 2 cannot follow version 0").hasMessageContaining("Rewind the source");
        }
    }

    @Test
    void aVersionStartingMidwayRewindsOnceThenFails() {
        try (TableApplier a = applier()) {
            assertThat(a.accept(7, rec(0, V0, 1))).as("rewind to where index 0 should be").isEqualTo(6L);
            assertThatThrownBy(() -> a.accept(7, rec(0, V0, 1))).hasMessageContaining("also after rewinding");
        }
    }

    @Test
    void aVersionReadAgainDifferentlyRestartsFromTheFirstUncommittedRecord() {
        List<String> cp = List.of(V0.get(0), V0.get(1), V0.get(2), V1.get(1));
        try (TableApplier a = applier()) {
            a.accept(0, rec(0, V0, 0));
            a.accept(1, rec(0, V0, 1));
            // The source restarted and now reads version 0 from a checkpoint with another count.
            assertThat(a.accept(2, rec(0, cp, 0, Origin.CHECKPOINT))).isEqualTo(0L);
            // Replay from offset 0: the old reading is ignored, the new one applied.
            assertThat(a.accept(0, rec(0, V0, 0))).isNull();
            assertThat(a.accept(1, rec(0, V0, 1))).isNull();
            for (int i = 0; i < cp.size(); i++) {
                assertThat(a.accept(2 + i, rec(0, cp, i, Origin.CHECKPOINT))).isNull();
            }
            a.endOfBatch();
            assertThat(a.awaitCommittedOffset()).isEqualTo(6);
            assertThat(history()).containsExactly(0L);
            assertThat(store.queries().latest(store.find(table.name()).orElseThrow()).files()).hasSize(2);
        }
    }

    @Test
    void aMalformedActionRollsBackAndNamesTheRecord() {
        TableApplier a = applier();
        a.accept(0, rec(0, V0, 0));
        VersionRecord bad = new VersionRecord("t", "file:///t", 0, 1, 3, Origin.COMMIT, 10, "add", "{\"add\":42}");
        assertThatThrownBy(() -> a.accept(1, bad)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("action 1 of version 0").hasMessageContaining("offset 1")
                .hasMessageContaining("nothing of the version was applied");
        a.close();
        assertThat(history()).isEmpty();
    }
}
