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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every checkpoint of the shared real tables: opens, counts exactly, streams, re-opens, matches the oracle. */
class CheckpointReaderSharedTablesTest {
    private static final LocalTestStorage STORAGE = new LocalTestStorage();

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
