package io.deltasql.store;

import static io.deltasql.store.Actions.add;
import static io.deltasql.store.Actions.commitInfo;
import static io.deltasql.store.Actions.domain;
import static io.deltasql.store.Actions.dv;
import static io.deltasql.store.Actions.metadata;
import static io.deltasql.store.Actions.protocol;
import static io.deltasql.store.Actions.remove;
import static io.deltasql.store.Actions.txn;
import static io.deltasql.store.SharedTables.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionRange;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.store.VersionWriter.ApplyOutcome;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.SqlSnapshot;
import io.deltasql.store.write.WriterOptions;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.PgTestDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writer's rules: order, intervals, checkpoints, one writer per table, failures, and the guide's
 * SQL. The rules of the contract run on both stores; the PostgreSQL specifics (advisory lock, a
 * killed backend, COPY errors, the guide's SQL) on PostgreSQL.
 */
class WriterRulesIT {
    @RegisterExtension
    final PgTestDatabase db = new PgTestDatabase();

    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[]}";

    private static VersionBatch v0() {
        return batch(0, Origin.COMMIT, 1000, List.of(commitInfo(1000, "CREATE"), protocol(1, 2), metadata(SCHEMA),
                add("a", 10), add("b", 20)));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void skipsRedeliveryAndRefusesGaps(StoreKind kind) {
        try (TestStore ts = TestStore.open(kind); MetadataStore store = Stores.connect(Targets.of(ts));
             VersionWriter w = store.writer(store.register("t", "file:/t", false))) {
            assertThat(w.head()).isEqualTo(-1);
            assertThatThrownBy(() -> w.apply(batch(1, Origin.COMMIT, 1, List.of(add("x", 1)))))
                    .isInstanceOf(GapException.class).hasMessageContaining("would leave a gap: head is -1, got 1");
            assertThat(w.apply(v0())).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(w.apply(batch(1, Origin.COMMIT, 2000, List.of(add("c", 30))))).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(w.apply(v0())).isEqualTo(ApplyOutcome.SKIPPED);
            assertThat(w.apply(batch(1, Origin.COMMIT, 2000, List.of(add("c", 30))))).isEqualTo(ApplyOutcome.SKIPPED);
            assertThat(w.stats().versionsSkipped()).isEqualTo(2);
            assertThatThrownBy(() -> w.apply(batch(3, Origin.COMMIT, 3000, List.of(add("d", 1)))))
                    .isInstanceOf(GapException.class).hasMessageContaining("would leave a gap: head is 1, got 3");
            assertThat(w.head()).isEqualTo(1);
            assertThat(store.queries().latest(w.table()).numFiles()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void checkpointStartsATableAndJumpsAGapRecordingIt(StoreKind kind) throws SQLException {
        try (TestStore ts = TestStore.open(kind); MetadataStore store = Stores.connect(Targets.of(ts))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(t)) {
                w.apply(batch(5, Origin.CHECKPOINT, 5000, List.of(protocol(1, 2), metadata(SCHEMA), add("a", 1), add("b", 2),
                        txn("app", 3))));
                w.apply(batch(6, Origin.COMMIT, 6000, List.of(commitInfo(6000, "WRITE"), remove("a"), add("c", 3), txn("app", 4))));
                assertThatThrownBy(() -> w.apply(batch(9, Origin.COMMIT, 9000, List.of(add("z", 1)))))
                        .isInstanceOf(GapException.class);
                w.apply(batch(10, Origin.CHECKPOINT, 10_000, List.of(protocol(1, 3), metadata(SCHEMA), add("b", 2), add("c", 3),
                        add("d", 4), remove("a"))));
                assertThat(w.head()).isEqualTo(10);
            }
            SnapshotQueries q = store.queries();
            assertThat(paths(q.snapshotAt(t, 5))).containsExactly("a", "b");
            assertThat(q.snapshotAt(t, 5).txns().get("app").version()).isEqualTo(3);
            assertThat(paths(q.snapshotAt(t, 6))).containsExactly("b", "c");
            assertThat(q.snapshotAt(t, 6).txns().get("app").version()).isEqualTo(4);
            SqlSnapshot at10 = q.snapshotAt(t, 10);
            assertThat(paths(at10)).containsExactly("b", "c", "d");
            assertThat(at10.protocol().minWriterVersion()).isEqualTo(3);
            assertThat(at10.txns()).isEmpty(); // the checkpoint at 10 carries no txn
            assertThatThrownBy(() -> q.snapshotAt(t, 8)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("has no version 8");
            assertThat(store.provenance(t).missingRanges()).containsExactly(new VersionRange(7, 9));
            assertThat(q.history(t)).extracting(h -> h.version() + ":" + h.origin())
                    .containsExactly("5:CHECKPOINT", "6:COMMIT", "10:CHECKPOINT");
            if (kind != StoreKind.POSTGRES) {
                return;
            }
            try (Connection c = ts.postgres().connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT first_version, missing_ranges::text, "
                         + "(SELECT string_agg(version || ':' || origin, ',' ORDER BY version) FROM dl_table_versions), "
                         + "(SELECT count(*) FROM dl_add_files WHERE removed_version IS NULL) FROM dl_tables")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(5);
                assertThat(rs.getString(2)).isEqualTo("[{\"to\": 9, \"from\": 7}]");
                assertThat(rs.getString(3)).isEqualTo("5:checkpoint,6:commit,10:checkpoint");
                assertThat(rs.getLong(4)).isEqualTo(3);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void reAddAndDeletionVectorsKeepOneLiveEntryPerLogicalFile(StoreKind kind) {
        try (TestStore ts = TestStore.open(kind); MetadataStore store = Stores.connect(Targets.of(ts))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(t)) {
                w.apply(v0());
                w.apply(batch(1, Origin.COMMIT, 2000, List.of(add("a", 11)))); // re-add of the same key replaces it
                w.apply(batch(2, Origin.COMMIT, 3000, List.of(add("a", 11, dv("dvA")), remove("a"))));
                w.apply(batch(3, Origin.COMMIT, 4000, List.of(remove("a", dv("dvA")), add("a", 11, dv("dvB")),
                        domain("d1", "{}", false), domain("d2", "{}", false))));
                w.apply(batch(4, Origin.COMMIT, 5000, List.of(domain("d1", "{}", true), metadata("{\"v\":4}"))));
            }
            SnapshotQueries q = store.queries();
            assertThat(q.snapshotAt(t, 0).files()).extracting(AddFile::size).containsExactly(10L, 20L);
            assertThat(q.snapshotAt(t, 1).files()).extracting(AddFile::size).containsExactly(11L, 20L);
            assertThat(q.snapshotAt(t, 2).files()).extracting(f -> f.path() + "@" + f.dvId()).containsExactly("a@udvA@1", "b@");
            SqlSnapshot latest = q.latest(t);
            assertThat(latest.files()).extracting(f -> f.path() + "@" + f.dvId()).containsExactly("a@udvB@1", "b@");
            assertThat(latest.domains()).containsOnlyKeys("d2");
            assertThat(q.snapshotAt(t, 3).domains()).containsOnlyKeys("d1", "d2");
            assertThat(latest.metadata().schemaString()).isEqualTo("{\"v\":4}");
            assertThat(q.snapshotAt(t, 3).metadata().schemaString()).isEqualTo(SCHEMA);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void timeTravelByTimestampPrefersInCommitTimestamp(StoreKind kind) {
        try (TestStore ts = TestStore.open(kind); MetadataStore store = Stores.connect(Targets.of(ts))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(t)) {
                w.apply(v0());
                w.apply(batch(1, Origin.COMMIT, 2000, List.of(add("c", 1))));
                // file time 2500 but inCommitTimestamp 9000: the ICT counts
                w.apply(batch(2, Origin.COMMIT, 2500, List.of(new io.deltasql.log.action.CommitInfo(2500L, 9000L, "WRITE", null),
                        add("d", 1))));
            }
            SnapshotQueries q = store.queries();
            assertThat(q.versionAtTimestamp(t, 1000)).isEqualTo(0);
            assertThat(q.versionAtTimestamp(t, 2999)).isEqualTo(1);
            assertThat(q.versionAtTimestamp(t, 9000)).isEqualTo(2);
            assertThat(q.snapshotAtTimestamp(t, 2600).version()).isEqualTo(1);
            assertThatThrownBy(() -> q.versionAtTimestamp(t, 999)).isInstanceOf(StoreException.class);
            assertThat(q.history(t)).extracting(h -> h.operation()).containsExactly("CREATE", null, "WRITE");
            assertThat(q.history(t).get(2).effectiveTimestamp()).isEqualTo(9000);
        }
    }

    @Test
    void oneWriterPerTable() throws Exception {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter first = store.writer(t)) {
                assertThatThrownBy(() -> store.writer(t)).isInstanceOf(TableBusyException.class)
                        .hasMessageContaining("table 't' is being written by another deltasql writer")
                        .hasMessageContaining("backend pid");
                first.apply(v0());
            }
            // released on close
            try (VersionWriter again = store.writer(t)) {
                assertThat(again.head()).isEqualTo(0);
            }
            // two writers racing from two threads: exactly one gets the table
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch bothOpenedOrFailed = new CountDownLatch(2);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try (VersionWriter w = store.writer(t)) {
                        bothOpenedOrFailed.countDown();
                        bothOpenedOrFailed.await();
                        w.apply(batch(1, Origin.COMMIT, 2000, List.of(add("c", 1))));
                        return "wrote";
                    } catch (TableBusyException e) {
                        bothOpenedOrFailed.countDown();
                        return "busy";
                    }
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            pool.shutdown();
            assertThat(outcomes).containsExactlyInAnyOrder("wrote", "busy");
            assertThat(store.queries().head(t)).isEqualTo(1);
        }
    }

    @Test
    void connectionKilledMidVersionLeavesNothingOfIt() throws Exception {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            VersionBatch big = bigVersion(1, 300);
            try (VersionWriter w = store.writer(t, WriterOptions.defaults().perVersion().withCopyBufferChars(2000))) {
                w.apply(v0());
                w.beginVersion(1, Origin.COMMIT, 2000, 300);
                List<Action> actions = actionsOf(big);
                for (int i = 0; i < 150; i++) {
                    w.add(actions.get(i)); // several COPYs already sent inside the open transaction
                }
                try (Connection other = db.connect(); Statement s = other.createStatement()) {
                    // Only this test's database: other writers on the server (a benchmark, another build) are not ours.
                    s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid() "
                            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
                }
                assertThatThrownBy(() -> {
                    for (int i = 150; i < 300; i++) {
                        w.add(actions.get(i));
                    }
                    w.endVersion();
                    w.commit();
                }).isInstanceOf(StoreConnectionException.class).hasMessageContaining("lost the connection to PostgreSQL at")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            }
            assertNothingOfVersion(t, 1);
            try (VersionWriter w = store.writer(t)) {
                assertThat(w.head()).isEqualTo(0);
                assertThat(w.apply(big)).isEqualTo(ApplyOutcome.APPLIED);
            }
            assertThat(store.queries().latest(t).numFiles()).isEqualTo(2 + 299);
        }
    }

    @Test
    void errorInsideACopyLeavesNothingOfTheVersionAndTheWriterGoesOn() throws Exception {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(t, WriterOptions.defaults().perVersion().withCopyBufferChars(2000))) {
                w.apply(v0());
                List<Action> bad = new ArrayList<>(actionsOf(bigVersion(1, 200)));
                bad.set(150, add("bad\u0000path", 1)); // PostgreSQL text cannot hold NUL: the server rejects the COPY
                assertThatThrownBy(() -> w.apply(batch(1, Origin.COMMIT, 2000, bad)))
                        .isInstanceOf(StoreException.class).isNotInstanceOf(StoreConnectionException.class)
                        .hasMessageContaining("writing version 1 of table t").hasMessageContaining("0x00");
                assertThat(w.head()).isEqualTo(0);
                assertNothingOfVersion(t, 1);
                assertThat(w.apply(bigVersion(1, 200))).isEqualTo(ApplyOutcome.APPLIED);
                assertThatThrownBy(() -> w.apply(new VersionBatch(2, Origin.COMMIT, 3000, 5,
                        () -> SharedTables.iterator(List.<Action>of(add("x", 1)).iterator()))))
                        .isInstanceOf(StoreException.class).hasMessageContaining("expected 5 actions, got 1");
                assertNothingOfVersion(t, 2);
                assertThat(w.head()).isEqualTo(1);
            }
        }
    }

    @Test
    void aGroupCommitThatFailsInTheBackgroundIsReportedAndLeavesNothingOfItsGroup() throws SQLException {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            // A deferred check refuses version 7 at COMMIT: group mode commits a full group on the
            // writer's background thread while the caller goes on, so the failure surfaces later.
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE FUNCTION refuse_v7() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.version = 7 THEN RAISE EXCEPTION 'version 7 refused at commit'; END IF; RETURN NULL; END $$");
                s.execute("CREATE CONSTRAINT TRIGGER refuse_v7 AFTER INSERT ON dl_table_versions "
                        + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_v7()");
            }
            List<VersionBatch> batches = new ArrayList<>();
            batches.add(v0()); // 5 actions, then 3 per version: groups of >= 6 actions are [0,1] [2,3] [4,5] [6,7] …
            for (int v = 1; v <= 12; v++) {
                batches.add(batch(v, Origin.COMMIT, 1000 + v, List.of(commitInfo(1000 + v, "WRITE"), add("f" + v, v),
                        remove(v > 1 ? "f" + (v - 1) : "a"))));
            }
            try (VersionWriter w = store.writer(t, new WriterOptions(6, 0, 1 << 20))) {
                assertThatThrownBy(() -> { // reported by a later apply, at the latest by commit()
                    batches.forEach(w::apply);
                    w.commit();
                })
                        .isInstanceOf(StoreException.class).hasMessageContaining("version 7 refused at commit");
                assertThat(w.head()).isEqualTo(5);
                assertNothingOfVersion(t, 6);
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP TRIGGER refuse_v7 ON dl_table_versions");
                }
                for (VersionBatch b : batches) {
                    w.apply(b); // 0..5 skipped, the rest applied
                }
                w.commit();
                assertThat(w.head()).isEqualTo(12);
                assertThat(w.stats().versionsSkipped()).isEqualTo(6);
            }
            SnapshotQueries q = store.queries();
            assertThat(paths(q.latest(t))).containsExactly("b", "f12");
            assertThat(paths(q.snapshotAt(t, 7))).containsExactly("b", "f7");
            assertThat(q.history(t)).hasSize(13);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void groupCommitAppliesManyVersionsPerTransactionWithoutSplittingOne(StoreKind kind) {
        try (TestStore ts = TestStore.open(kind); MetadataStore store = Stores.connect(Targets.of(ts))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            List<VersionBatch> batches = new ArrayList<>();
            batches.add(v0());
            for (int v = 1; v <= 30; v++) {
                batches.add(batch(v, Origin.COMMIT, 1000 + v, List.of(commitInfo(1000 + v, "WRITE"), add("f" + v, v),
                        remove(v > 1 ? "f" + (v - 1) : "a"))));
            }
            try (VersionWriter w = store.writer(t, new WriterOptions(10, 0, 1 << 20))) {
                assertThat(w.applyAll(SharedTables.iterator(batches.iterator()))).isEqualTo(31);
                assertThat(w.head()).isEqualTo(30);
            }
            SnapshotQueries q = store.queries();
            assertThat(paths(q.latest(t))).containsExactly("b", "f30");
            assertThat(paths(q.snapshotAt(t, 15))).containsExactly("b", "f15");
            assertThat(q.history(t)).hasSize(31);
        }
    }

    @Test
    void registrationRulesAndCascadeDelete() throws SQLException {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable empty = store.register("t", "file:/first", false);
            // No committed version: not imported yet, so another location simply takes the name over.
            RegisteredTable t = store.register("t", "file:/t", false);
            assertThat(t.id()).isEqualTo(empty.id());
            assertThat(store.find("t").orElseThrow().location()).isEqualTo("file:/t");
            assertThat(store.register("t", "file:/t", false).id()).isEqualTo(t.id());
            try (VersionWriter w = store.writer(t)) {
                w.apply(v0());
            }
            assertThatThrownBy(() -> store.register("t", "file:/other", false)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("already registered for file:/t");
            RegisteredTable replaced = store.register("t", "file:/other", true);
            assertThat(replaced.headVersion()).isEqualTo(-1);
            assertThat(rowsOf(t.id().toString())).as("only the new dl_tables row").isEqualTo(1);
            assertThat(store.find("t").orElseThrow().location()).isEqualTo("file:/other");
        }
    }

    @Test
    void replacingATableWhileAWriterHasItIsRefusedNamingTheWriterAndDeletesNothing() throws SQLException {
        try (MetadataStore store = Stores.connect(Targets.pg(db)); MetadataStore other = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            RegisteredTable empty = store.register("e", "file:/e", false);
            try (VersionWriter w = store.writer(t); VersionWriter first = store.writer(empty)) {
                w.apply(v0());
                long rows = rowsOf(t.id().toString());
                // --force under a running writer deadlocked on the cascade delete; now it never starts deleting.
                assertThatThrownBy(() -> other.register("t", "file:/t", true)).isInstanceOf(TableBusyException.class)
                        .hasMessageContaining("is being written by another deltasql writer (PostgreSQL backend pid ");
                assertThat(rowsOf(t.id().toString())).isEqualTo(rows);
                // A first import that committed nothing yet is still someone's: another location may not take it over.
                assertThatThrownBy(() -> other.register("e", "file:/elsewhere", false)).isInstanceOf(TableBusyException.class)
                        .hasMessageContaining("table 'e' is being written by another deltasql writer");
                assertThat(other.find("e").orElseThrow().location()).isEqualTo("file:/e");
            }
        }
    }

    @Test
    void theGuidesSqlWorksAsWritten() throws SQLException {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(t)) {
                w.apply(v0());
                w.apply(batch(1, Origin.COMMIT, 2000, List.of(add("c", 1), txn("app", 1), domain("d", "{}", false))));
            }
            String id = t.id().toString();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT version, status FROM dl_table_versions WHERE table_id = '" + id
                        + "' ORDER BY version DESC LIMIT 1")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(1);
                    assertThat(rs.getString(2)).isEqualTo("committed");
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*), sum(size) FROM dl_live_files WHERE table_name = 't'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(3);
                    assertThat(rs.getLong(2)).isEqualTo(31);
                }
                s.executeUpdate("UPDATE dl_tables SET properties = '{\"owner\":\"x\"}' WHERE table_id = '" + id + "'");
                assertThat(s.executeUpdate("UPDATE dl_tables SET properties = '{}' WHERE table_id = '" + id + "'")).isEqualTo(1);
                assertThat(rowsOf(id)).isGreaterThan(0);
                assertThat(s.executeUpdate("DELETE FROM dl_tables WHERE table_id = '" + id + "'")).isEqualTo(1);
            }
            assertThat(rowsOf(id)).isZero();
        }
    }

    @Test
    void unreachableServerIsOneActionableLineWithoutThePassword() {
        PgTarget nowhere = PgTarget.parse("deltasql://postgres/x/s/t?host=127.0.0.1&port=1&password=hunter2", Map.of());
        assertThatThrownBy(() -> Stores.connect(nowhere)).isInstanceOf(StoreConnectionException.class)
                .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:1/x: connection refused — is the server running? check PGHOST/PGPORT")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        PgTarget noDb = PgTarget.parse("deltasql://postgres/no_such_db_deltasql/s/t", PgDatabase.env());
        assertThatThrownBy(() -> Stores.connect(noDb)).isInstanceOf(StoreException.class)
                .hasMessageContaining("database 'no_such_db_deltasql' does not exist");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static VersionBatch bigVersion(long version, int files) {
        List<Action> actions = new ArrayList<>();
        actions.add(commitInfo(2000, "WRITE"));
        for (int i = 1; i < files; i++) {
            actions.add(add(String.format("part-%05d-with-a-long-enough-name.parquet", i), i));
        }
        return batch(version, Origin.COMMIT, 2000, actions);
    }

    private static List<Action> actionsOf(VersionBatch b) {
        List<Action> out = new ArrayList<>();
        try (var it = b.actions().open()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<String> paths(SqlSnapshot s) {
        return s.files().stream().map(AddFile::path).toList();
    }

    private void assertNothingOfVersion(RegisteredTable t, long version) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT (SELECT head_version FROM dl_tables WHERE table_id = ?), "
                     + "(SELECT count(*) FROM dl_table_versions WHERE table_id = ? AND version >= ?), "
                     + "(SELECT count(*) FROM dl_add_files WHERE table_id = ? AND (added_version >= ? OR removed_version >= ?)), "
                     + "(SELECT count(*) FROM dl_commit_infos WHERE table_id = ? AND version >= ?), "
                     + "(SELECT count(*) FROM dl_file_ends WHERE table_id = ? AND removed_version >= ?)")) {
            ps.setObject(1, t.id());
            ps.setObject(2, t.id());
            ps.setLong(3, version);
            ps.setObject(4, t.id());
            ps.setLong(5, version);
            ps.setLong(6, version);
            ps.setObject(7, t.id());
            ps.setLong(8, version);
            ps.setObject(9, t.id());
            ps.setLong(10, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("head").isEqualTo(version - 1);
                assertThat(rs.getLong(2)).as("version rows").isZero();
                assertThat(rs.getLong(3)).as("file rows").isZero();
                assertThat(rs.getLong(4)).as("commitInfo rows").isZero();
                assertThat(rs.getLong(5)).as("pending file ends").isZero();
            }
        }
    }

    private long rowsOf(String tableId) throws SQLException {
        long total = 0;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("dl_tables", "dl_table_versions", "dl_add_files", "dl_remove_files", "dl_metadata_updates",
                    "dl_protocol_updates", "dl_txn_actions", "dl_domain_metadata", "dl_cdc_files", "dl_commit_infos",
                    "dl_other_actions", "dl_file_ends")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE table_id = '" + tableId + "'")) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }
}
