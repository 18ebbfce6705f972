package io.deltasql.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.log.replay.ReplayState;
import io.deltasql.log.storage.LocalLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every checkpoint of the shared real tables: opens, counts exactly, streams, re-opens, matches the oracle. */
class CheckpointReaderSharedTablesTest {
    private static final LocalLogStorage STORAGE = new LocalLogStorage();

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

    /**
     * What a live-file set reads ({@code liveFileActions}): of every shared checkpoint the same
     * protocol, metaData and adds as all of its actions, each add with the same path, size and DV;
     * Parquet files without their adds' other fields (stats, partition values…) and the other actions.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpoints")
    void liveFileActionsHoldTheSameLiveSetWithoutTheRest(SharedCheckpoints.Found cp) {
        CheckpointData data = CheckpointReader.open(STORAGE, cp.logDir().toString(), cp.files());
        List<Action> all = readAll(data);
        List<Action> live = new ArrayList<>();
        try (CloseableIterator<Action> it = data.liveFileActions().open()) {
            it.forEachRemaining(live::add);
        }
        List<AddFile> allAdds = all.stream().filter(AddFile.class::isInstance).map(AddFile.class::cast).toList();
        List<AddFile> liveAdds = live.stream().filter(AddFile.class::isInstance).map(AddFile.class::cast).toList();
        assertThat(liveAdds).hasSameSizeAs(allAdds);
        for (int i = 0; i < allAdds.size(); i++) {
            AddFile a = allAdds.get(i);
            AddFile l = liveAdds.get(i);
            assertThat(l.path()).isEqualTo(a.path());
            assertThat(l.dvId()).isEqualTo(a.dvId());
            assertThat(l.size()).isEqualTo(a.size());
            assertThat(l.deletionVector()).isEqualTo(a.deletionVector());
        }
        assertThat(live.stream().filter(io.deltasql.log.action.Protocol.class::isInstance).toList())
                .isEqualTo(all.stream().filter(io.deltasql.log.action.Protocol.class::isInstance).toList());
        assertThat(live.stream().filter(io.deltasql.log.action.Metadata.class::isInstance).toList())
                .isEqualTo(all.stream().filter(io.deltasql.log.action.Metadata.class::isInstance).toList());
        boolean parquet = cp.files().files().stream().allMatch(f -> f.name().endsWith(".parquet"));
        if (parquet) {
            assertThat(liveAdds).as("no stats read").allMatch(a -> a.stats() == null && a.partitionValues() == null);
            assertThat(live).as("only adds, protocol and metaData").allMatch(a -> a instanceof AddFile
                    || a instanceof io.deltasql.log.action.Protocol || a instanceof io.deltasql.log.action.Metadata);
        }
    }

    /** How a checkpoint without an oracle snapshot at its version is checked instead; none is skipped. */
    private enum Expect {
        /**
         * The log has another route to the version (the commits from 0, or an earlier checkpoint and
         * the commits after it): the checkpoint's adds equal that replay's live files.
         */
        AGREES_WITH_THE_REPLAY_WITHOUT_IT,
        /** The oracle refuses the table: a snapshot at the version is refused for lack of metaData. */
        REFUSED_INCOMPLETE_STATE,
        /**
         * No oracle file and no other route to the version (the commits before it are cleaned up or
         * have a gap only it covers): not a case here; its add count is checked above, and the table's
         * snapshot after it by GoldenTablesTest.
         */
        NOT_A_CASE
    }

    /** Every checkpoint that has no oracle snapshot at its version, with what it is held to instead. */
    private static final Map<String, Expect> WITHOUT_ORACLE = Map.ofEntries(
            Map.entry("checkpoint-cdf-table@v3", Expect.NOT_A_CASE), // commits 0-2 cleaned up
            Map.entry("checkpoint-v2-table@v8", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("checkpoints-vacuumed@v10", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT), // from checkpoint 5
            Map.entry("corrupted-last-checkpoint-kernel@v10", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("deltalog-state-reconstruction-from-checkpoint-missing-metadata@v10",
                    Expect.REFUSED_INCOMPLETE_STATE),
            Map.entry("dv-partitioned-with-checkpoint@v10", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("dv-with-columnmapping@v10", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("err-missing-commit-after-checkpoint@v10", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("err-missing-commit-before-checkpoint@v10", Expect.NOT_A_CASE), // commit 7 missing
            Map.entry("err-orphan-commit-9999@v10", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("table-failed-last-checkpoint-update@v1", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("table-with-domain-metadata@v108", Expect.NOT_A_CASE), // only the checkpoint exists
            Map.entry("transaction-log-schema-evolvability@v2", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("v2-checkpoints-json-with-sidecars@v1", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("v2-checkpoints-json-with-sidecars@v2", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("v2-checkpoints-json-with-sidecars@v4", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("v2-checkpoints-json-with-sidecars@v5", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT),
            Map.entry("with-checkpoint-no-last-checkpoint@v2", Expect.AGREES_WITH_THE_REPLAY_WITHOUT_IT));

    /** The oracle's snapshot at exactly the checkpoint's version, if it has one. */
    private static JsonNode oracleAt(SharedCheckpoints.Found cp) throws IOException {
        Path expectedDir = SharedTables.root().resolve("expected");
        for (Path p : List.of(expectedDir.resolve(cp.table() + "@v" + cp.files().version() + ".json"),
                expectedDir.resolve(cp.table() + ".json"))) {
            if (Files.exists(p)) {
                JsonNode n = ActionCodec.mapper().readTree(p.toFile());
                if (n.get("version").asLong() == cp.files().version()) {
                    return n;
                }
            }
        }
        return null;
    }

    /**
     * Each checkpoint's adds equal an independent reading of the same version: the oracle's snapshot
     * where it has one, else what {@link #WITHOUT_ORACLE} names for it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("checkpoints")
    void addsEqualAnIndependentReadingOfTheVersion(SharedCheckpoints.Found cp) throws IOException {
        long version = cp.files().version();
        String key = cp.table() + "@v" + version;
        Set<String> got = new TreeSet<>();
        for (Action a : readAll(CheckpointReader.open(STORAGE, cp.logDir().toString(), cp.files()))) {
            if (a instanceof AddFile add) {
                got.add(add.path() + "|" + add.dvId() + "|" + add.size());
            }
        }
        JsonNode expected = oracleAt(cp);
        if (expected != null) {
            assertThat(WITHOUT_ORACLE).as(key + " has an oracle snapshot now").doesNotContainKey(key);
            Set<String> want = new TreeSet<>();
            for (JsonNode f : expected.get("files")) {
                want.add(f.get("path").asText() + "|" + f.path("deletionVectorUniqueId").asText("") + "|"
                        + f.get("size").asLong());
            }
            assertThat(got).isEqualTo(want);
            return;
        }
        Expect expect = WITHOUT_ORACLE.get(key);
        assertThat(expect).as("no oracle snapshot at " + key + ": name what it is held to in WITHOUT_ORACLE").isNotNull();
        try (DeltaLog log = DeltaLog.openLocal(cp.logDir().getParent().toString())) {
            switch (expect) {
                case AGREES_WITH_THE_REPLAY_WITHOUT_IT -> {
                    VersionPlan plan = log.plan(0, version, false);
                    assertThat(plan.checkpointBase() == null ? -1 : plan.checkpointBase()).as("the replay's base")
                            .isLessThan(version);
                    Set<String> replayed = new TreeSet<>();
                    ReplayState state = new ReplayState();
                    log.replay(plan, state, (batch, s) -> { });
                    state.liveFiles().values().forEach(a -> replayed.add(a.path() + "|" + a.dvId() + "|" + a.size()));
                    assertThat(got).isEqualTo(replayed);
                }
                case REFUSED_INCOMPLETE_STATE -> assertThat(catchThrowableOfType(DeltaLogException.class,
                        () -> log.snapshot(version)).kind()).isEqualTo(DeltaLogException.Kind.INCOMPLETE_STATE);
                case NOT_A_CASE -> assertThat(log.plan(0, version, false).checkpointBase())
                        .as("the only route to " + key + " is its checkpoint").isEqualTo(version);
            }
        }
    }

    /** The list of checkpoints without an oracle snapshot names exactly those: none forgotten, none stale. */
    @Test
    void everyCheckpointWithoutAnOracleSnapshotIsNamed() throws IOException {
        Set<String> without = new TreeSet<>();
        for (SharedCheckpoints.Found cp : SharedCheckpoints.all()) {
            if (oracleAt(cp) == null) {
                without.add(cp.table() + "@v" + cp.files().version());
            }
        }
        assertThat(without).isEqualTo(new TreeSet<>(WITHOUT_ORACLE.keySet()));
    }
}
