package io.deltasql.store;

import static io.deltasql.store.Actions.add;
import static io.deltasql.store.Actions.commitInfo;
import static io.deltasql.store.Actions.domain;
import static io.deltasql.store.Actions.dv;
import static io.deltasql.store.Actions.metadata;
import static io.deltasql.store.Actions.protocol;
import static io.deltasql.store.Actions.remove;
import static io.deltasql.store.Actions.txn;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.DeletionVector;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.SqlSnapshot;
import io.deltasql.store.validate.ValidationReport;
import io.deltasql.store.validate.Validator;
import io.deltasql.store.write.WriterOptions;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Intervals ended inside a group of versions (in memory) and across groups (in the database) must
 * give the same time travel as one transaction per version: a random log that keeps re-adding,
 * removing and deletion-vector-updating a few files, and keeps replacing txns, domains, metadata and
 * protocol, imported with several batchings, equals delta-log's replay at every version — on both stores.
 */
class GroupedIntervalsIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    @TempDir
    Path dir;

    private static final int VERSIONS = 150;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyBatchingGivesTheReplayAtEveryVersion(StoreKind kind) throws IOException {
        writeRandomLog(dir, new Random(7));
        Map<String, WriterOptions> batchings = Map.of(
                "per_version", WriterOptions.defaults().perVersion(),
                "groups_of_40_actions", new WriterOptions(40, 0, 1 << 20),
                "one_group", WriterOptions.defaults(),
                "tiny_buffers", new WriterOptions(60, 0, 400)); // a send in the middle of most versions
        try (DeltaLog log = DeltaLog.openLocal(dir.toString());
             MetadataStore store = Stores.connect(Targets.of(STORES, kind, "grouped", "t"))) {
            List<Snapshot> replay = new ArrayList<>();
            for (long v = 0; v < VERSIONS; v++) {
                replay.add(log.snapshot(v));
            }
            for (Map.Entry<String, WriterOptions> b : batchings.entrySet()) {
                RegisteredTable table = store.register(b.getKey(), log.location(), false);
                // Imported in two runs: the second writer opens a table that holds versions, so it
                // cannot know which files are live and must ask the database for every key.
                try (VersionWriter w = store.writer(table, b.getValue())) {
                    w.applyAll(log.versions(log.plan(0, 70L, false)));
                    assertThat(w.head()).isEqualTo(70);
                }
                try (VersionWriter w = store.writer(table, b.getValue())) {
                    w.applyAll(log.versions(log.plan(71, null, false)));
                    assertThat(w.head()).isEqualTo(VERSIONS - 1);
                }
                SnapshotQueries q = store.queries();
                for (long v = 0; v < VERSIONS; v++) {
                    Snapshot file = replay.get((int) v);
                    SqlSnapshot sql = q.snapshotAt(table, v);
                    ValidationReport report = Validator.compare(file, sql);
                    assertThat(report.passed()).as(b.getKey() + " v" + v + "\n" + report.render()).isTrue();
                    assertThat(sql.txns()).as(b.getKey() + " txns v" + v).isEqualTo(file.txns());
                    assertThat(sql.domains()).as(b.getKey() + " domains v" + v).isEqualTo(file.domains());
                    assertThat(sql.metadata()).as(b.getKey() + " metadata v" + v).isEqualTo(file.metadata());
                }
            }
        }
    }

    /** Valid Delta commits: per version at most one action per file key and kind, no add and remove of one key. */
    private static void writeRandomLog(Path dir, Random random) throws IOException {
        Path logDir = Files.createDirectories(dir.resolve("_delta_log"));
        Map<String, String> live = new HashMap<>(); // path -> dv id ("" = none) of the live entry
        List<String> dvs = List.of("", "dvA", "dvB", "dvC");
        for (int v = 0; v < VERSIONS; v++) {
            List<Action> actions = new ArrayList<>();
            actions.add(commitInfo(1_000L * (v + 1), "WRITE"));
            if (v == 0) {
                actions.add(protocol(1, 2));
                actions.add(metadata("{\"v\":0}"));
            } else if (random.nextInt(12) == 0) {
                actions.add(metadata("{\"v\":" + v + "}"));
            } else if (random.nextInt(20) == 0) {
                actions.add(protocol(1, 2 + random.nextInt(5)));
            }
            Set<String> touched = new HashSet<>();
            int fileActions = 1 + random.nextInt(6);
            for (int i = 0; i < fileActions; i++) {
                String path = "part=" + random.nextInt(2) + "/f" + random.nextInt(10) + ".parquet";
                if (!touched.add(path)) {
                    continue;
                }
                String current = live.get(path);
                int op = random.nextInt(3);
                if (current == null || op == 0) { // add, or re-add (replaces the live entry of the same key)
                    String dvId = current == null ? dvs.get(random.nextInt(dvs.size())) : current;
                    actions.add(add(path, 100 + v, dvOf(dvId)));
                    live.put(path, dvId);
                } else if (op == 1) {
                    actions.add(remove(path, dvOf(current)));
                    live.remove(path);
                } else { // a deletion-vector update: the old key ends, a new one begins
                    String next = dvs.get((dvs.indexOf(current) + 1) % dvs.size());
                    actions.add(remove(path, dvOf(current)));
                    actions.add(add(path, 100 + v, dvOf(next)));
                    live.put(path, next);
                }
            }
            for (String app : List.of("app-1", "app-2", "app-3")) {
                if (random.nextInt(4) == 0) {
                    actions.add(txn(app, v));
                }
            }
            for (String d : List.of("d1", "d2")) {
                if (random.nextInt(6) == 0) {
                    actions.add(domain(d, "{\"at\":" + v + "}", random.nextInt(3) == 0));
                }
            }
            StringBuilder lines = new StringBuilder();
            for (Action a : actions) {
                lines.append(ActionCodec.toJson(a)).append('\n');
            }
            Files.writeString(logDir.resolve(String.format("%020d.json", v)), lines);
        }
    }

    private static DeletionVector dvOf(String id) {
        return id.isEmpty() ? null : dv(id);
    }
}
