package io.deltasql.log.reader;

import static io.deltasql.log.TestLogs.METADATA;
import static io.deltasql.log.TestLogs.PROTOCOL;
import static io.deltasql.log.TestLogs.add;
import static io.deltasql.log.TestLogs.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.TestLogs;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.replay.FileKey;
import io.deltasql.log.replay.ReplayState;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.synth.ClassicCheckpointWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table whose writer names the same data files with absolute paths in both forms ({@code file:/x}
 * and {@code /x}, either one for the add and the other for the remove, in commits and in a
 * checkpoint): the snapshot replay, the streamed replay and the checkpoint's own state all see one
 * logical file per path, because they share one accumulator ({@link ReplayState}) keyed by
 * {@link FileKey}. {@code deltasql validate} uses the same accumulator through this API.
 */
class MixedPathFormsTest {
    @TempDir
    Path table;

    private String a;
    private String b;

    @BeforeEach
    void writeTable() throws Exception {
        a = table.resolve("a.parquet").toString();
        b = table.resolve("b.parquet").toString();
        TestLogs.commit(table, 0, PROTOCOL, METADATA, add("file:" + a, 10), add(b, 20), add("c.parquet", 30));
        TestLogs.commit(table, 1, remove(a), remove("file://" + b)); // file:/x added, /x removed; and vice versa
        TestLogs.commit(table, 2, add(a, 11));
        // The checkpoint at 2 names a in the file: form again; commit 3 removes it in the plain form.
        try (ClassicCheckpointWriter cp = new ClassicCheckpointWriter(
                TestLogs.logDir(table).resolve("00000000000000000002.checkpoint.parquet"), 1 << 20)) {
            for (String line : List.of(PROTOCOL, METADATA, add("file:" + a, 11), add("c.parquet", 30),
                    remove("file://" + b))) {
                cp.write(ActionCodec.parse(line));
            }
        }
        Files.writeString(TestLogs.logDir(table).resolve("00000000000000000002.crc"),
                "{\"tableSizeBytes\":41,\"numFiles\":2,\"numMetadata\":1,\"numProtocol\":1}");
        TestLogs.commit(table, 3, remove(a));
    }

    @Test
    void snapshotsSeeOneFilePerPathWhateverItsForm() {
        try (DeltaLog log = DeltaLog.openLocal(table.toString())) {
            assertThat(keys(log.snapshot(0))).containsExactly(a, b, "c.parquet");
            assertThat(keys(log.snapshot(1))).containsExactly("c.parquet");
            assertThat(keys(log.snapshot(2))).containsExactly(a, "c.parquet");
            assertThat(log.snapshot(2).totalSize()).isEqualTo(41);
            assertThat(keys(log.latestSnapshot())).containsExactly("c.parquet");
        }
    }

    @Test
    void theStreamedReplayAgreesWithTheSnapshotAtEveryVersion() {
        try (DeltaLog log = DeltaLog.openLocal(table.toString())) {
            TreeMap<Long, Set<String>> streamed = new TreeMap<>();
            log.replay(log.plan(0, null, false), new ReplayState(ReplayState.Detail.FILES_AND_SIZES),
                    (batch, state) -> streamed.put(batch.version(), keys(state)));
            assertThat(streamed).containsOnlyKeys(0L, 1L, 2L, 3L);
            streamed.forEach((v, files) -> assertThat(files).as("version " + v).isEqualTo(keys(log.snapshot(v))));

            // From the checkpoint on: the base names a as file:/…, commit 3 removes /… .
            List<String> seen = new ArrayList<>();
            log.replay(log.plan(2, null, true), new ReplayState(),
                    (batch, state) -> seen.add(batch.version() + " " + batch.origin() + " " + keys(state)));
            assertThat(seen).containsExactly("2 " + Origin.CHECKPOINT + " [" + a + ", c.parquet]",
                    "3 " + Origin.COMMIT + " [c.parquet]");
        }
    }

    @Test
    void theCheckpointAndTheChecksumAgreeWithTheCommitsBeforeThem() {
        try (DeltaLog log = DeltaLog.openLocal(table.toString())) {
            LogInventory inventory = log.inventory();
            assertThat(inventory.latestVersion()).isEqualTo(3);
            assertThat(inventory.commitVersions()).containsExactly(0L, 1L, 2L, 3L);
            assertThat(inventory.checkpointVersions()).containsExactly(2L);
            assertThat(inventory.checksumVersions()).containsExactly(2L);
            assertThat(inventory.hasCheckpoint(2)).isTrue();
            assertThat(inventory.hasChecksum(3)).isFalse();

            ReplayState fromCheckpoint = log.checkpointState(inventory, 2, ReplayState.Detail.FILES_AND_SIZES);
            ReplayState fromCommits = new ReplayState(ReplayState.Detail.FILES_AND_SIZES);
            log.replay(log.plan(0, 2L, false), fromCommits, (batch, state) -> { });
            assertThat(fromCheckpoint.liveFiles().keySet()).isEqualTo(fromCommits.liveFiles().keySet())
                    .containsExactlyInAnyOrder(FileKey.of(a, ""), FileKey.of("c.parquet", ""));
            assertThat(fromCheckpoint.totalSize()).isEqualTo(fromCommits.totalSize()).isEqualTo(41);
            assertThat(fromCheckpoint.metadata().id()).isEqualTo(fromCommits.metadata().id());

            var crc = log.checksum(2).orElseThrow();
            assertThat(crc.numFiles()).isEqualTo((long) fromCommits.fileCount());
            assertThat(crc.tableSizeBytes()).isEqualTo(fromCommits.totalSize());

            assertThatThrownBy(() -> log.checkpointState(inventory, 1, ReplayState.Detail.FULL))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1");
        }
    }

    @Test
    void commitStatsCountEveryCommitAndNameTheOneThatDoesNotParse() throws Exception {
        Files.writeString(TestLogs.logDir(table).resolve("00000000000000000004.json"),
                add("d.parquet", 1) + "\n{\"remove\":{\"path\":\n");
        try (DeltaLog log = DeltaLog.openLocal(table.toString())) {
            List<CommitStats> stats = log.commitStats(log.inventory());
            assertThat(stats).extracting(CommitStats::version).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(stats).extracting(CommitStats::actionCount).containsExactly(5, 2, 1, 1, 0);
            assertThat(stats.subList(0, 4)).allMatch(CommitStats::readable);
            CommitStats bad = stats.get(4);
            assertThat(bad.readable()).isFalse();
            assertThat(bad.failure().kind()).isEqualTo(DeltaLogException.Kind.PARSE);
            assertThat(bad.failure().line()).isEqualTo(2);
            assertThat(bad.failure().getMessage()).contains("version 4", "line 2").doesNotContain("\n");
        }
    }

    private static Set<String> keys(Snapshot s) {
        return s.files().stream().map(f -> FileKey.canonical(f.path())).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> keys(ReplayState state) {
        return state.liveFiles().keySet().stream().map(FileKey::canonicalPath)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
