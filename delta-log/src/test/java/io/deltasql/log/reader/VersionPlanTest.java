package io.deltasql.log.reader;

import static io.deltasql.log.TestLogs.METADATA;
import static io.deltasql.log.TestLogs.PROTOCOL;
import static io.deltasql.log.TestLogs.add;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deltasql.log.ActionSource;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.TestLogs;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionRange;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.CommitInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning rules on small hand-made logs (checkpoint cases with names only: planning never opens them). */
class VersionPlanTest {
    @TempDir
    Path table;

    private DeltaLog open() {
        return DeltaLog.openLocal(table.toString());
    }

    private static List<VersionStep> steps(Object... versionAndOrigin) {
        List<VersionStep> steps = new ArrayList<>();
        for (int i = 0; i < versionAndOrigin.length; i += 2) {
            steps.add(new VersionStep(((Number) versionAndOrigin[i]).longValue(), (Origin) versionAndOrigin[i + 1]));
        }
        return steps;
    }

    @Test
    void freshImportReadsEveryCommit() throws Exception {
        TestLogs.commit(table, 0, PROTOCOL, METADATA, add("a", 1));
        TestLogs.commit(table, 1, add("b", 2));
        try (DeltaLog log = open()) {
            VersionPlan plan = log.plan(0, null, false);
            assertThat(plan.steps()).isEqualTo(steps(0, Origin.COMMIT, 1, Origin.COMMIT));
            assertThat(plan.checkpointBase()).isNull();
            assertThat(plan.missingRanges()).isEmpty();
            assertThat(plan.lastVersion()).isEqualTo(1);
        }
    }

    @Test
    void cleanedUpHistoryStartsFromTheEarliestCheckpoint() throws Exception {
        TestLogs.touch(table, "00000000000000000005.checkpoint.parquet");
        TestLogs.commit(table, 5, add("x", 1));
        TestLogs.commit(table, 6, add("y", 1));
        TestLogs.touch(table, "00000000000000000010.checkpoint.parquet");
        try (DeltaLog log = open()) {
            VersionPlan plan = log.plan(0, null, false);
            assertThat(plan.steps()).isEqualTo(steps(5, Origin.CHECKPOINT, 6, Origin.COMMIT, 10, Origin.CHECKPOINT));
            assertThat(plan.checkpointBase()).isEqualTo(5);
            assertThat(plan.missingRanges()).containsExactly(new VersionRange(0, 4), new VersionRange(7, 9));
            assertThat(log.plan(0, 6L, false).missingRanges()).containsExactly(new VersionRange(0, 4));
        }
    }

    @Test
    void aGapACheckpointCoversContinuesFromThatCheckpoint() throws Exception {
        for (long v = 0; v <= 13; v++) {
            if (v != 7) {
                TestLogs.commit(table, v, v == 0 ? PROTOCOL : add("f" + v, 1));
            }
        }
        TestLogs.touch(table, "00000000000000000010.checkpoint.parquet");
        try (DeltaLog log = open()) {
            VersionPlan plan = log.plan(0, null, false);
            assertThat(plan.missingRanges()).containsExactly(new VersionRange(7, 9));
            assertThat(plan.checkpointBase()).isEqualTo(10);
            assertThat(plan.steps()).extracting(VersionStep::version)
                    .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 10L, 11L, 12L, 13L);
            assertThat(plan.steps().get(7).origin()).isEqualTo(Origin.CHECKPOINT);
            // upTo before the covering checkpoint: nothing covers the gap.
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> log.plan(0, 8L, false));
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.GAP);
            assertThat(e.getMessage()).contains("version 7 is missing: commits jump from 6 to 8");
        }
    }

    @Test
    void aGapNothingCoversFailsInPlan() throws Exception {
        TestLogs.commit(table, 0, PROTOCOL, METADATA);
        TestLogs.commit(table, 2, add("a", 1));
        try (DeltaLog log = open()) {
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> log.plan(0, null, false));
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.GAP);
            assertThat(e.getMessage()).startsWith("version 1 is missing: commits jump from 0 to 2").doesNotContain("\n");
            assertThat(e.version()).isEqualTo(1);
        }
    }

    @Test
    void checkpointOnlyStartsAtTheLatestCheckpoint() throws Exception {
        for (long v = 0; v <= 4; v++) {
            TestLogs.commit(table, v, v == 0 ? PROTOCOL : add("f" + v, 1));
        }
        TestLogs.touch(table, "00000000000000000002.checkpoint.parquet");
        TestLogs.touch(table, "00000000000000000004.checkpoint.parquet");
        try (DeltaLog log = open()) {
            assertThat(log.plan(0, null, true).steps()).isEqualTo(steps(4, Origin.CHECKPOINT));
            VersionPlan upTo3 = log.plan(0, 3L, true);
            assertThat(upTo3.steps()).isEqualTo(steps(2, Origin.CHECKPOINT, 3, Origin.COMMIT));
            assertThat(upTo3.checkpointBase()).isEqualTo(2);
            assertThat(upTo3.missingRanges()).isEmpty();
        }
    }

    @Test
    void resumeAfterTheLatestIsAnEmptyPlan() throws Exception {
        TestLogs.commit(table, 0, PROTOCOL, METADATA);
        TestLogs.commit(table, 1, add("a", 1));
        try (DeltaLog log = open()) {
            VersionPlan plan = log.plan(2, null, false);
            assertThat(plan.isEmpty()).isTrue();
            assertThat(log.plan(1, null, false).steps()).isEqualTo(steps(1, Origin.COMMIT));
            assertThat(log.plan(7, null, false).isEmpty()).isTrue();
        }
    }

    @Test
    void upToBeyondTheLatestIsAClearError() throws Exception {
        TestLogs.commit(table, 0, PROTOCOL, METADATA);
        try (DeltaLog log = open()) {
            assertThatThrownBy(() -> log.plan(0, 5L, false)).isInstanceOf(DeltaLogException.class)
                    .hasMessageContaining("version 5").hasMessageContaining("latest version is 0");
        }
    }

    @Test
    void theLastVersionIsFixedWhenPlanning() throws Exception {
        TestLogs.commit(table, 0, PROTOCOL, METADATA);
        try (DeltaLog log = open()) {
            VersionPlan plan = log.plan(0, null, false);
            TestLogs.commit(table, 1, add("late", 1)); // a concurrent writer
            List<Long> delivered = new ArrayList<>();
            try (CloseableIterator<VersionBatch> it = log.versions(plan)) {
                it.forEachRemaining(b -> delivered.add(b.version()));
            }
            assertThat(delivered).containsExactly(0L);
        }
    }

    @Test
    void batchesCarryCountTimestampAndReopenableActions() throws Exception {
        TestLogs.commit(table, 0, "{\"commitInfo\":{\"timestamp\":5,\"inCommitTimestamp\":1234}}", PROTOCOL, METADATA,
                "", add("a", 1));
        TestLogs.commit(table, 1, add("b", 1));
        try (DeltaLog log = open(); CloseableIterator<VersionBatch> it = log.versions(log.plan(0, null, false))) {
            VersionBatch first = it.next();
            assertThat(first.origin()).isEqualTo(Origin.COMMIT);
            assertThat(first.actionCount()).isEqualTo(4);
            assertThat(first.timestamp()).isEqualTo(1234);
            List<Action> once = drain(first.actions());
            assertThat(once).hasSize(4).first().isInstanceOf(CommitInfo.class);
            assertThat(drain(first.actions())).isEqualTo(once);
            VersionBatch second = it.next();
            assertThat(second.timestamp()).isEqualTo(
                    table.resolve("_delta_log/00000000000000000001.json").toFile().lastModified());
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void listingAfterSeesOnlyLaterVersions() throws Exception {
        for (long v = 0; v <= 3; v++) {
            TestLogs.commit(table, v, v == 0 ? PROTOCOL : add("f" + v, 1));
        }
        try (DeltaLog log = open()) {
            assertThat(log.listingAfter(1).commits().keySet()).containsExactly(2L, 3L);
            assertThat(log.listingAfter(3).isEmpty()).isTrue();
            assertThat(log.listingAfter(3).latestVersion()).isEqualTo(3);
        }
    }

    static List<Action> drain(ActionSource source) {
        List<Action> out = new ArrayList<>();
        try (CloseableIterator<Action> it = source.open()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
