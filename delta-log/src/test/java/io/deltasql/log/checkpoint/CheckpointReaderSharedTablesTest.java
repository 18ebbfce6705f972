package io.deltasql.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.testing.LocalTestStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every checkpoint of the shared real tables: opens, counts exactly, streams, re-opens, matches the oracle. */
class CheckpointReaderSharedTablesTest {
    private static final LocalTestStorage STORAGE = new LocalTestStorage();

    /** Live adds per checkpoint (table@version), as read; sidecars included. */
    private static final Map<String, Integer> ADDS = Map.ofEntries(
            Map.entry("app-txn-checkpoint@v1", 4), Map.entry("basic-with-inserts-overwrite-restore@v3", 4),
            Map.entry("checkpoint-cdf-table@v3", 9), Map.entry("checkpoint-v2-table@v6", 5),
            Map.entry("checkpoint-v2-table@v8", 7), Map.entry("checkpoint-with-partitions@v2", 2),
            Map.entry("checkpoint@v10", 1), Map.entry("checkpoints-vacuumed@v5", 5),
            Map.entry("checkpoints-vacuumed@v10", 10), Map.entry("corrupted-last-checkpoint-kernel@v10", 22),
            Map.entry("delta-0.1.0@v3", 3),
            Map.entry("deltalog-state-reconstruction-from-checkpoint-missing-metadata@v10", 11),
            Map.entry("dv-partitioned-with-checkpoint@v10", 18), Map.entry("dv-with-columnmapping@v10", 18),
            Map.entry("err-missing-commit-after-checkpoint@v10", 100),
            Map.entry("err-missing-commit-before-checkpoint@v10", 100), Map.entry("err-orphan-commit-9999@v10", 100),
            Map.entry("err-orphan-commit-9999@v9999", 100), Map.entry("multi-part-checkpoint@v1", 10),
            Map.entry("table-failed-last-checkpoint-update@v1", 2), Map.entry("table-failed-last-checkpoint-update@v3", 4),
            Map.entry("table-with-domain-metadata@v108", 109), Map.entry("transaction-log-schema-evolvability@v2", 2),
            Map.entry("v1-multi-part-partitioned-struct-stats-only@v5", 5), Map.entry("v2-checkpoint-json@v2", 4),
            Map.entry("v2-checkpoint-parquet@v2", 4), Map.entry("v2-checkpoints-json-with-sidecars@v1", 2),
            Map.entry("v2-checkpoints-json-with-sidecars@v2", 11), Map.entry("v2-checkpoints-json-with-sidecars@v3", 20),
            Map.entry("v2-checkpoints-json-with-sidecars@v4", 31), Map.entry("v2-checkpoints-json-with-sidecars@v5", 100),
            Map.entry("v2-checkpoints-json-with-sidecars@v6", 101), Map.entry("v2-checkpoints-json-without-sidecars@v2", 3),
            Map.entry("v2-classic-checkpoint-parquet@v1", 4), Map.entry("with-checkpoint-no-last-checkpoint@v2", 1));

    static Stream<SharedCheckpoints.Found> checkpoints() throws IOException {
        List<SharedCheckpoints.Found> all = SharedCheckpoints.all();
        assertThat(all).as("shared checkpoints found").hasSizeGreaterThanOrEqualTo(35);
        return all.stream();
    }

    static List<Action> readAll(CheckpointData data) {
        List<Action> out = new ArrayList<>();
        try (CloseableIterator<Action> it = data.actions().open()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpoints")
    void countMatchesStreamAndReopenGivesSameActions(SharedCheckpoints.Found cp) {
        CheckpointData data = CheckpointReader.open(STORAGE, cp.logDir().toString(), cp.files());
        List<Action> first = readAll(data);
        assertThat(data.version()).isEqualTo(cp.files().version());
        assertThat(first).hasSize((int) data.actionCount());
        assertThat(first).isNotEmpty();
        String key = cp.table() + "@v" + cp.files().version();
        assertThat(ADDS).as("expected add count listed for " + key).containsKey(key);
        assertThat(first.stream().filter(AddFile.class::isInstance)).as("adds in " + key).hasSize(ADDS.get(key));
        // Every checkpoint holds the protocol; all but the one rewritten without it hold the metaData.
        assertThat(first.stream().filter(io.deltasql.log.action.Protocol.class::isInstance)).hasSize(1);
        if (!cp.table().equals("deltalog-state-reconstruction-from-checkpoint-missing-metadata")) {
            assertThat(first.stream().filter(io.deltasql.log.action.Metadata.class::isInstance)).hasSize(1);
        }
        List<String> again = readAll(data).stream().map(ActionCodec::toJson).toList();
        assertThat(again).containsExactlyElementsOf(first.stream().map(ActionCodec::toJson).toList());
    }

    /** Where the oracle has a snapshot at exactly the checkpoint version, the checkpoint's adds are that snapshot. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpoints")
    void addsEqualOracleSnapshotAtCheckpointVersion(SharedCheckpoints.Found cp) throws IOException {
        Path expectedDir = LocalTestStorage.sharedTables().resolve("expected");
        JsonNode expected = null;
        for (Path p : List.of(expectedDir.resolve(cp.table() + "@v" + cp.files().version() + ".json"),
                expectedDir.resolve(cp.table() + ".json"))) {
            if (Files.exists(p)) {
                JsonNode n = ActionCodec.mapper().readTree(p.toFile());
                if (n.get("version").asLong() == cp.files().version()) {
                    expected = n;
                    break;
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(expected != null, "no oracle snapshot at this version");
        Set<String> want = new TreeSet<>();
        for (JsonNode f : expected.get("files")) {
            want.add(f.get("path").asText() + "|" + f.path("deletionVectorUniqueId").asText("") + "|"
                    + f.get("size").asLong());
        }
        Set<String> got = new TreeSet<>();
        for (Action a : readAll(CheckpointReader.open(STORAGE, cp.logDir().toString(), cp.files()))) {
            if (a instanceof AddFile add) {
                got.add(add.path() + "|" + add.dvId() + "|" + add.size());
            }
        }
        assertThat(got).isEqualTo(want);
    }
}
