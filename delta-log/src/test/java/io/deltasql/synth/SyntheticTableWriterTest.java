package io.deltasql.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import io.deltasql.log.checkpoint.CheckpointData;
import io.deltasql.log.checkpoint.CheckpointFiles;
import io.deltasql.log.checkpoint.CheckpointKind;
import io.deltasql.log.checkpoint.CheckpointReader;
import io.deltasql.log.storage.LocalLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticTableWriterTest {
    private static final LocalLogStorage STORAGE = new LocalLogStorage();

    @TempDir
    Path tmp;

    private static SyntheticTableWriter.Builder small() {
        return SyntheticTableWriter.builder().versions(21).actionsPerVersion(12).checkpointInterval(10)
                .partitions(4).seed(7).metadataEvery(8).txnEvery(5);
    }

    private static List<Action> readCheckpoint(Path log, long version) throws IOException {
        Path f = log.resolve(SyntheticTableWriter.checkpointName(version));
        CheckpointData data = CheckpointReader.open(STORAGE, log.toString(),
                new CheckpointFiles(version, CheckpointKind.CLASSIC, List.of(LocalLogStorage.entry(f))));
        List<Action> out = new ArrayList<>();
        try (CloseableIterator<Action> it = data.actions().open()) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).hasSize((int) data.actionCount());
        return out;
    }

    private static Set<String> replayCommits(Path log, long from, long to, Set<String> live) throws IOException {
        for (long v = from; v <= to; v++) {
            for (String line : Files.readAllLines(log.resolve(SyntheticTableWriter.commitName(v)))) {
                Action a = ActionCodec.parse(line);
                if (a instanceof AddFile add) {
                    assertThat(live.add(add.path())).as("add of a file already live: %s", add.path()).isTrue();
                } else if (a instanceof RemoveFile r) {
                    assertThat(live.remove(r.path())).as("remove of a file not live: %s", r.path()).isTrue();
                }
            }
        }
        return live;
    }

    @Test
    void checkpointAndCommitsRebuildTheTrackedLiveFiles() throws IOException {
        SyntheticTable t = small().write(tmp.resolve("t"));
        Path log = t.location().resolve("_delta_log");
        assertThat(t.firstVersion()).isZero();
        assertThat(t.lastVersion()).isEqualTo(20);
        assertThat(t.checkpointVersions()).containsExactly(10L, 20L);
        assertThat(t.actionsWritten()).isEqualTo(21 * 12);

        List<Action> cp = readCheckpoint(log, 20);
        Set<String> fromCheckpoint = new TreeSet<>();
        cp.stream().filter(AddFile.class::isInstance).map(a -> ((AddFile) a).path()).forEach(fromCheckpoint::add);
        assertThat(fromCheckpoint).isEqualTo(t.livePaths()).hasSize((int) t.liveFiles());
        assertThat(t.liveFiles()).isGreaterThan(100);

        // Replaying every commit, and the v10 checkpoint plus later commits, reach the same set.
        assertThat(replayCommits(log, 0, 20, new TreeSet<>())).isEqualTo(t.livePaths());
        Set<String> fromV10 = new TreeSet<>();
        readCheckpoint(log, 10).stream().filter(AddFile.class::isInstance)
                .map(a -> ((AddFile) a).path()).forEach(fromV10::add);
        assertThat(replayCommits(log, 11, 20, fromV10)).isEqualTo(t.livePaths());

        // The checkpoint holds what Delta's holds: protocol, the latest metaData, txns, tombstones.
        assertThat(cp.stream().filter(Protocol.class::isInstance)).hasSize(1);
        Metadata m = (Metadata) cp.stream().filter(Metadata.class::isInstance).findFirst().orElseThrow();
        assertThat(m.partitionColumns()).containsExactly("event_date");
        assertThat(m.schemaString()).contains("added_at_v16");
        assertThat(cp.stream().filter(Txn.class::isInstance).map(a -> ((Txn) a).version()))
                .containsExactlyInAnyOrder(15L, 20L);
        assertThat(cp.stream().filter(RemoveFile.class::isInstance)).isNotEmpty()
                .allSatisfy(r -> assertThat(((RemoveFile) r).dataChange()).isFalse());
        AddFile anyAdd = (AddFile) cp.stream().filter(AddFile.class::isInstance).findFirst().orElseThrow();
        assertThat(anyAdd.path()).startsWith("event_date=2024-01-0");
        assertThat(anyAdd.partitionValues()).containsKey("event_date");
        assertThat(anyAdd.stats().length()).isBetween(200, 320);
        assertThat(ActionCodec.mapper().readTree(anyAdd.stats()).get("numRecords").asLong()).isPositive();

        JsonNode last = ActionCodec.mapper().readTree(log.resolve("_last_checkpoint").toFile());
        assertThat(last.get("version").asLong()).isEqualTo(20);
        assertThat(last.get("size").asLong()).isEqualTo(cp.size());
        assertThat(last.get("numOfAddFiles").asLong()).isEqualTo(t.liveFiles());
    }

    @Test
    void sameSeedSameBytesAndAppendContinuesExactly() throws IOException {
        Path whole = tmp.resolve("whole");
        Path resumed = tmp.resolve("resumed");
        SyntheticTable a = small().write(whole);
        small().versions(12).write(resumed);
        SyntheticTable b = small().versions(9).append(resumed);
        assertThat(b.firstVersion()).isEqualTo(12);
        assertThat(b.lastVersion()).isEqualTo(20);
        assertThat(b.checkpointVersions()).containsExactly(20L);
        assertThat(b.livePaths()).isEqualTo(a.livePaths());
        List<String> names = names(whole.resolve("_delta_log"));
        assertThat(names(resumed.resolve("_delta_log"))).isEqualTo(names);
        for (String n : names) {
            assertThat(Files.readAllBytes(resumed.resolve("_delta_log").resolve(n)))
                    .as(n).isEqualTo(Files.readAllBytes(whole.resolve("_delta_log").resolve(n)));
        }
        assertThat(small().seed(8).write(tmp.resolve("other")).livePaths()).isNotEqualTo(a.livePaths());
        assertThatThrownBy(() -> small().write(whole)).hasMessageContaining("use append()");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void bigCheckpointIsStreamedAndReadable() throws IOException {
        SyntheticTable t = SyntheticTableWriter.builder().seed(3).partitions(16)
                .writeBigCheckpoint(tmp.resolve("big"), 10, 20_000);
        Path log = t.location().resolve("_delta_log");
        List<Action> cp = readCheckpoint(log, 10);
        assertThat(cp).hasSize(20_002);
        Set<String> paths = new HashSet<>();
        cp.stream().filter(AddFile.class::isInstance).forEach(a -> paths.add(((AddFile) a).path()));
        assertThat(paths).hasSize(20_000);
        List<String> commit = Files.readAllLines(log.resolve(SyntheticTableWriter.commitName(10)));
        assertThat(commit).hasSize(2);
        assertThat(paths).contains(((AddFile) ActionCodec.parse(commit.get(1))).path());
        assertThat(ActionCodec.mapper().readTree(log.resolve("_last_checkpoint").toFile()).get("numOfAddFiles")
                .asLong()).isEqualTo(20_000);
    }
}
