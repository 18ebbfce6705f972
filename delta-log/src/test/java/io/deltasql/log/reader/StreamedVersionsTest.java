package io.deltasql.log.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deltasql.log.ActionJson;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.SharedTables;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionChecksum;
import io.deltasql.log.VersionRange;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.replay.FileKey;
import io.deltasql.log.replay.Snapshot;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming path agrees with snapshot replay: for every shared table that can be read, the
 * batches of a fresh full plan, applied in order (a CHECKPOINT base replaces the state), end with
 * exactly the files of the latest snapshot.
 */
class StreamedVersionsTest {

    static Stream<String> readableTables() {
        return SharedTables.tableNames().stream()
                .filter(t -> Files.exists(SharedTables.expectedDir().resolve(t + ".json"))
                        || t.equals("table-with-domain-metadata") || t.equals("canonicalized-paths-special-a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableTables")
    void streamingAFullPlanEndsAtTheLatestSnapshot(String table) {
        try (DeltaLog log = DeltaLog.openLocal(SharedTables.table(table).toString())) {
            Snapshot latest = log.latestSnapshot();
            VersionPlan plan = log.plan(0, null, false);
            assertThat(plan.lastVersion()).isEqualTo(latest.version());
            Set<FileKey> files = new HashSet<>();
            long lastVersion = -1;
            try (CloseableIterator<VersionBatch> it = log.versions(plan)) {
                while (it.hasNext()) {
                    VersionBatch b = it.next();
                    assertThat(b.version()).isGreaterThan(lastVersion);
                    lastVersion = b.version();
                    if (b.origin() == Origin.CHECKPOINT) {
                        files.clear();
                    }
                    long count = 0;
                    try (CloseableIterator<Action> actions = b.actions().open()) {
                        while (actions.hasNext()) {
                            Action a = actions.next();
                            count++;
                            if (a instanceof AddFile add) {
                                files.add(FileKey.of(add.path(), add.dvId()));
                            } else if (a instanceof RemoveFile r) {
                                files.remove(FileKey.of(r.path(), r.dvId()));
                            }
                        }
                    }
                    assertThat(count).as("actionCount of version %s", b.version()).isEqualTo(b.actionCount());
                }
            }
            assertThat(lastVersion).isEqualTo(latest.version());
            assertThat(files).isEqualTo(latest.files().stream().map(f -> FileKey.of(f.path(), f.dvId()))
                    .collect(Collectors.toSet()));
            assertThat(log.plan(latest.version() + 1, null, false).isEmpty()).as("resume at head+1").isTrue();
        }
    }

    /**
     * {@code openJson} (what the Kafka source sends) yields the same actions as {@code open}, each
     * with a text that parses back to that very action: the commit's own line or the serialised action.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("readableTables")
    void everyActionsJsonTextParsesBackToTheAction(String table) throws Exception {
        try (DeltaLog log = DeltaLog.openLocal(SharedTables.table(table).toString());
             CloseableIterator<VersionBatch> it = log.versions(log.plan(0, null, false))) {
            while (it.hasNext()) {
                VersionBatch b = it.next();
                try (CloseableIterator<Action> actions = b.actions().open();
                     CloseableIterator<ActionJson> json = b.actions().openJson()) {
                    long i = 0;
                    while (actions.hasNext()) {
                        assertThat(json.hasNext()).isTrue();
                        Action a = actions.next();
                        ActionJson j = json.next();
                        assertThat(j.action()).as("version %s action %s", b.version(), i).isEqualTo(a);
                        // JSON-equivalent to the serialised action (a checkpoint row's numbers may be
                        // typed differently from a parsed line's, so compare as parsed text).
                        assertThat(ActionCodec.readTree(j.json())).as("version %s action %s", b.version(), i)
                                .isEqualTo(ActionCodec.readTree(ActionCodec.toJson(a)));
                        if (b.origin() == Origin.COMMIT) {
                            assertThat(ActionCodec.parse(j.json())).as("version %s action %s", b.version(), i)
                                    .isEqualTo(a);
                        }
                        i++;
                    }
                    assertThat(json.hasNext()).isFalse();
                }
            }
        }
    }

    private static VersionPlan plan(String table) {
        try (DeltaLog log = DeltaLog.openLocal(SharedTables.table(table).toString())) {
            return log.plan(0, null, false);
        }
    }

    @Test
    void gapsCoveredByACheckpointAreRecordedNotInvented() {
        VersionPlan before = plan("err-missing-commit-before-checkpoint");
        assertThat(before.missingRanges()).containsExactly(new VersionRange(7, 9));
        assertThat(before.steps()).contains(new VersionStep(10, Origin.CHECKPOINT));

        VersionPlan orphan = plan("err-orphan-commit-9999");
        assertThat(orphan.missingRanges()).containsExactly(new VersionRange(14, 9998));
        assertThat(orphan.steps().get(orphan.steps().size() - 1)).isEqualTo(new VersionStep(9999, Origin.CHECKPOINT));

        assertThat(plan("checkpoints-vacuumed").missingRanges()).containsExactly(new VersionRange(0, 4));
        assertThat(plan("checkpoints-vacuumed").steps().get(0)).isEqualTo(new VersionStep(5, Origin.CHECKPOINT));
        assertThat(plan("table-with-domain-metadata").steps()).isEqualTo(List.of(new VersionStep(108, Origin.CHECKPOINT)));
        assertThat(plan("table-with-domain-metadata").missingRanges()).containsExactly(new VersionRange(0, 107));
    }

    @Test
    void gapsNothingCoversFailInPlan() {
        for (String table : List.of("versions-not-contiguous", "err-missing-commit-after-checkpoint")) {
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> plan(table));
            assertThat(e).as(table).isNotNull();
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.GAP);
        }
        assertThat(catchThrowableOfType(DeltaLogException.class, () -> plan("versions-not-contiguous")).getMessage())
                .startsWith("version 1 is missing: commits jump from 0 to 2");
    }

    @Test
    void refusedProtocolsStopTheStream() {
        for (String table : List.of("catalog-owned-preview", "simple-table-features", "deltalog-invalid-protocol-version")) {
            try (DeltaLog log = DeltaLog.openLocal(SharedTables.table(table).toString());
                 CloseableIterator<VersionBatch> it = log.versions(log.plan(0, null, false))) {
                DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> {
                    while (it.hasNext()) {
                        it.next();
                    }
                });
                assertThat(e).as(table).isNotNull();
                assertThat(e.kind()).as(table).isEqualTo(DeltaLogException.Kind.UNSUPPORTED);
            }
        }
    }

    @Test
    void checksumFilesAreParsed() {
        try (DeltaLog log = DeltaLog.openLocal(SharedTables.table("cdf-table-with-cdc-and-dvs").toString())) {
            long v = log.listing().latestVersion();
            VersionChecksum crc = log.checksum(v).orElseThrow();
            Snapshot s = log.snapshot(v);
            assertThat(crc.numFiles()).isEqualTo(s.numFiles());
            assertThat(crc.tableSizeBytes()).isEqualTo(s.totalSize());
            assertThat(crc.protocol()).isEqualTo(s.protocol());
            assertThat(log.checksum(v + 100)).isEmpty();
        }
        try (DeltaLog log = DeltaLog.openLocal(SharedTables.table("cdc-ict-table").toString())) {
            var crc = log.checksum(0).orElseThrow();
            assertThat(crc.numFiles()).isEqualTo(0);
            assertThat(crc.metadata().partitionColumns()).containsExactly("birthyear");
            assertThat(crc.raw().path("inCommitTimestampOpt").asLong()).isEqualTo(1783874203271L);
        }
    }
}
