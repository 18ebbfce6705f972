package io.deltasql.store;

import static io.deltasql.store.Actions.add;
import static io.deltasql.store.Actions.commitInfo;
import static io.deltasql.store.Actions.dv;
import static io.deltasql.store.Actions.metadata;
import static io.deltasql.store.Actions.protocol;
import static io.deltasql.store.Actions.remove;
import static io.deltasql.store.SharedTables.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.DeletionVector;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.SnapshotStream;
import io.deltasql.testing.PgTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schema V4 (PostgreSQL): a file's end is written as a row of dl_file_ends and settled into its add
 * row later. Every read must give the same live files whether an end is still pending or settled: at
 * every version, at the head, streamed, row by row (Kernel's reads), and through dl_live_files.
 */
class PendingFileEndsIT {
    @RegisterExtension
    final PgTestDatabase db = new PgTestDatabase();

    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[]}";

    /** path NUL dv id → size, the expected live files after each version (a plain replay). */
    private final List<Map<String, Long>> expected = new ArrayList<>();

    @Test
    void readsAreTheSameWithEndsPendingAndSettled() throws SQLException {
        long seed = System.nanoTime();
        System.out.println("PendingFileEndsIT seed " + seed);
        List<VersionBatch> log = randomLog(new Random(seed), 80);
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            VersionWriter w = store.writer(t); // one transaction per version: every end of an earlier row is a pending row
            for (VersionBatch b : log) {
                w.apply(b);
            }
            long pending = pendingEnds();
            assertThat(pending).as("seed %d: ends pending while the writer is open", seed).isPositive();
            assertReadsMatch(store, t, seed, "pending");
            boolean many = openRows() < 8 * pending;
            w.close();
            assertThat(pendingEnds()).as("seed %d: the close settles the ends when they are many (%s)", seed, many)
                    .isEqualTo(many ? 0 : pending);
            assertReadsMatch(store, t, seed, "after the close");
        }
    }

    @Test
    void aCloseLeavesAFewEndsPendingAndSettlesThemWhenTheyAreMany() throws SQLException {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            List<Action> files = new ArrayList<>(List.of(protocol(1, 2), metadata(SCHEMA)));
            for (int i = 0; i < 100; i++) {
                files.add(add("f" + i, i));
            }
            try (VersionWriter w = store.writer(t)) {
                w.apply(batch(0, Origin.COMMIT, 1000, files));
                w.apply(batch(1, Origin.COMMIT, 2000, List.of(remove("f0"), remove("f1"))));
            }
            assertThat(pendingEnds()).as("2 ends against 100 open rows: left for later").isEqualTo(2);
            assertThat(store.queries().latest(t).numFiles()).isEqualTo(98);
            try (VersionWriter w = store.writer(t)) {
                List<Action> removes = new ArrayList<>();
                for (int i = 2; i < 20; i++) {
                    removes.add(remove("f" + i));
                }
                w.apply(batch(2, Origin.COMMIT, 3000, removes));
            }
            assertThat(pendingEnds()).as("20 ends against 100 open rows: settled").isZero();
            assertThat(store.queries().latest(t).numFiles()).isEqualTo(80);
            assertThat(store.queries().snapshotAt(t, 1).numFiles()).isEqualTo(98);
        }
    }

    @Test
    void aCheckpointAfterPendingEndsKeepsTheirVersions() throws SQLException {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(t)) {
                w.apply(batch(0, Origin.COMMIT, 1000, List.of(protocol(1, 2), metadata(SCHEMA), add("a", 1), add("b", 2))));
                w.apply(batch(1, Origin.COMMIT, 2000, List.of(remove("a"), add("c", 3))));
                assertThat(pendingEnds()).isEqualTo(1);
                w.apply(batch(2, Origin.CHECKPOINT, 3000, List.of(protocol(1, 2), metadata(SCHEMA), add("b", 2), add("c", 3))));
                assertThat(pendingEnds()).as("settled before the checkpoint closed everything live").isZero();
            }
            SnapshotQueries q = store.queries();
            assertThat(q.snapshotAt(t, 0).files()).extracting(AddFile::path).containsExactly("a", "b");
            assertThat(q.snapshotAt(t, 1).files()).extracting(AddFile::path).containsExactly("b", "c");
            assertThat(q.latest(t).files()).extracting(AddFile::path).containsExactly("b", "c");
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT path, added_version, removed_version FROM dl_add_files ORDER BY added_version, path")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + "@" + rs.getLong(2) + "-" + rs.getObject(3));
                }
                assertThat(rows).as("a ends at 1 (its remove), not at the checkpoint")
                        .containsExactly("a@0-1", "b@0-2", "c@1-2", "b@2-null", "c@2-null");
            }
        }
    }

    @Test
    void endsLeftByAWriterThatDiedAreReadAndSettledByTheNext() throws SQLException {
        try (MetadataStore store = Stores.connect(Targets.pg(db))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            VersionWriter dead = store.writer(t);
            dead.apply(batch(0, Origin.COMMIT, 1000, List.of(protocol(1, 2), metadata(SCHEMA), add("a", 1), add("b", 2))));
            dead.apply(batch(1, Origin.COMMIT, 2000, List.of(remove("a"))));
            dead.apply(batch(2, Origin.COMMIT, 3000, List.of(add("a", 5))));
            try (Connection other = db.connect(); Statement s = other.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid() "
                        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
            }
            dead.close(); // its connection is gone: nothing settled
            assertThat(pendingEnds()).as("a's remove at 1, and its re-add at 2 (which ends whatever is live of a)").isEqualTo(2);
            SnapshotQueries q = store.queries();
            assertThat(q.snapshotAt(t, 1).files()).extracting(AddFile::path).containsExactly("b");
            assertThat(q.latest(t).files()).extracting(f -> f.path() + ":" + f.size()).containsExactly("a:5", "b:2");
            try (VersionWriter next = store.writer(t)) {
                assertThat(next.head()).isEqualTo(2);
            }
            assertThat(pendingEnds()).isZero();
            assertThat(q.snapshotAt(t, 1).files()).extracting(AddFile::path).containsExactly("b");
            assertThat(q.latest(t).files()).extracting(f -> f.path() + ":" + f.size()).containsExactly("a:5", "b:2");
        }
    }

    /**
     * Versions of adds, removes, re-adds of removed paths, replacements (an add of a live path),
     * deletion-vector updates (remove of (p, dv1), add of (p, dv2)) and removes of files never added.
     */
    private List<VersionBatch> randomLog(Random random, int versions) {
        List<VersionBatch> log = new ArrayList<>();
        Map<String, Long> live = new HashMap<>();
        Map<String, DeletionVector> dvs = new HashMap<>();
        List<String> paths = new ArrayList<>();
        for (long v = 0; v < versions; v++) {
            List<Action> actions = new ArrayList<>();
            if (v == 0) {
                actions.add(protocol(1, 2));
                actions.add(metadata(SCHEMA));
            }
            actions.add(commitInfo(1000 + v, "WRITE"));
            java.util.Set<String> touched = new java.util.HashSet<>();
            int n = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                int kind = paths.isEmpty() ? 0 : random.nextInt(6);
                String path = kind == 0 || kind == 5 ? "p" + paths.size() + (kind == 5 ? "-never" : "") : paths.get(random.nextInt(paths.size()));
                if (!touched.add(path)) {
                    continue; // one action per path per version, as Delta writes them
                }
                long size = 1 + random.nextInt(1000);
                switch (kind) {
                    case 0 -> { // a new file
                        paths.add(path);
                        actions.add(add(path, size));
                        live.put(path, size);
                    }
                    case 1, 2 -> { // remove (whatever its state: a remove of a removed file is a tombstone again)
                        actions.add(remove(path, dvs.get(path)));
                        live.remove(path);
                    }
                    case 3 -> { // re-add or replace
                        DeletionVector d = dvs.get(path);
                        actions.add(add(path, size, d));
                        live.put(path, size);
                    }
                    case 4 -> { // a deletion vector update of a live file
                        if (live.containsKey(path)) {
                            DeletionVector old = dvs.get(path);
                            DeletionVector d = dv("dv" + v + "x" + i);
                            actions.add(remove(path, old));
                            actions.add(add(path, live.get(path), d));
                            dvs.put(path, d);
                        }
                    }
                    default -> actions.add(remove(path)); // never added
                }
            }
            log.add(batch(v, Origin.COMMIT, 1000 + v, actions));
            Map<String, Long> snapshot = new TreeMap<>();
            live.forEach((p, s) -> snapshot.put(p + "\0" + (dvs.containsKey(p) ? dvs.get(p).uniqueId() : ""), s));
            expected.add(snapshot);
        }
        return log;
    }

    private void assertReadsMatch(MetadataStore store, RegisteredTable t, long seed, String state) throws SQLException {
        SnapshotQueries q = store.queries();
        for (int v = 0; v < expected.size(); v++) {
            Map<String, Long> files = new TreeMap<>();
            for (AddFile f : q.snapshotAt(t, v).files()) {
                files.put(f.path() + "\0" + (f.deletionVector() == null ? "" : f.deletionVector().uniqueId()), f.size());
            }
            assertThat(files).as("seed %d, %s: snapshot at %d", seed, state, v).isEqualTo(expected.get(v));

            Map<String, Long> streamed = new TreeMap<>();
            long[] totals = new long[2];
            q.stream(t, SnapshotStream.At.version(v), -1, new SnapshotStream() {
                @Override
                public void head(Head head) {
                    totals[0] = head.numFiles();
                    totals[1] = head.totalSize();
                }

                @Override
                public void file(String path, long size, String dvId) {
                    streamed.put(path + "\0" + (dvId == null ? "" : dvId), size);
                }
            });
            assertThat(streamed).as("seed %d, %s: streamed at %d", seed, state, v).isEqualTo(expected.get(v));
            assertThat(totals).as("seed %d, %s: totals at %d", seed, state, v)
                    .containsExactly(expected.get(v).size(), expected.get(v).values().stream().mapToLong(Long::longValue).sum());

            List<String> rows = new ArrayList<>();
            q.liveFileRows(t, v, false, r -> rows.add(r.path()));
            assertThat(rows).as("seed %d, %s: rows at %d", seed, state, v).hasSize(expected.get(v).size());
        }
        Map<String, Long> head = expected.get(expected.size() - 1);
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT path, dv_id, size FROM dl_live_files WHERE table_name = 't'")) {
            Map<String, Long> view = new TreeMap<>();
            while (rs.next()) {
                view.put(rs.getString(1) + "\0" + rs.getString(2), rs.getLong(3));
            }
            assertThat(view).as("seed %d, %s: dl_live_files", seed, state).isEqualTo(head);
        }
    }

    private long openRows() throws SQLException {
        return count("SELECT count(*) FROM dl_add_files WHERE removed_version IS NULL");
    }

    private long pendingEnds() throws SQLException {
        return count("SELECT count(*) FROM dl_file_ends");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
