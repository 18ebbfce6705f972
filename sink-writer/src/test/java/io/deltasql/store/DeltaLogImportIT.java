package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.DeltaLog;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionPlan;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.VersionInfo;
import io.deltasql.store.validate.ValidationReport;
import io.deltasql.store.validate.Validator;
import io.deltasql.store.write.PgVersionWriter;
import io.deltasql.store.write.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real pipeline over every shared table: DeltaLog plans and streams the versions (full, and
 * from the latest checkpoint only), PgVersionWriter applies them, and the SQL snapshot must pass
 * the Validator against the replayed file snapshot (and the .crc) and equal the oracle's expected
 * snapshot, at the latest version and at every time-travel version the store holds. Each commit
 * re-created from SQL must be JSON-equivalent to its log file.
 */
class DeltaLogImportIT {
    @RegisterExtension
    static final PgTestDatabase DB = PgTestDatabase.perClass();

    /** Every table fully; tables with a checkpoint also from their latest checkpoint only. */
    static Stream<Arguments> tables() {
        return SharedTables.allTableNames().stream().flatMap(n -> hasCheckpoint(n)
                ? Stream.of(Arguments.of(n, false), Arguments.of(n, true)) : Stream.of(Arguments.of(n, false)));
    }

    private static boolean hasCheckpoint(String name) {
        try (Stream<Path> s = Files.list(SharedTables.table(name).resolve("_delta_log"))) {
            return s.anyMatch(p -> p.getFileName().toString().contains(".checkpoint."));
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} checkpointOnly={1}")
    @MethodSource("tables")
    void importValidatesAgainstReplayAndOracle(String name, boolean checkpointOnly) throws IOException {
        Path dir = SharedTables.table(name);
        boolean oracleRefused = Files.exists(SharedTables.root().resolve("expected").resolve(name + ".error.json"));
        try (DeltaLog log = DeltaLog.open(dir.toString());
             MetadataStore store = MetadataStore.connect(DB.target(checkpointOnly ? "from_checkpoint" : "full", name))) {
            try {
                importAndCheck(name, dir, checkpointOnly, log, store);
            } catch (DeltaLogException e) {
                Assumptions.assumeFalse(oracleRefused, "delta-log refuses it as the oracle does: " + e.getMessage());
                throw e;
            }
        }
    }

    private static void importAndCheck(String name, Path dir, boolean checkpointOnly, DeltaLog log, MetadataStore store)
            throws IOException {
        {
            VersionPlan plan = log.plan(0, null, checkpointOnly);
            RegisteredTable table = store.register(name, log.location(), false);
            try (PgVersionWriter writer = store.writer(table, WriterOptions.defaults())) {
                writer.applyAll(log.versions(plan));
                assertThat(writer.head()).isEqualTo(plan.lastVersion());
            }
            SnapshotQueries q = store.queries();
            long head = plan.lastVersion();
            ValidationReport report = Validator.compare(name, log.snapshot(head), q.latest(table), log.checksum(head));
            assertThat(report.passed()).as(report.render()).isTrue();

            Optional<JsonNode> expected = SharedTables.expected(name, null);
            if (expected.isPresent() && expected.get().get("version").asLong() == head) {
                ExpectedSnapshots.assertMatches(name, expected.get(), q.latest(table));
            }
            List<VersionInfo> history = q.history(table);
            for (long v : SharedTables.timeTravelVersions(name)) {
                if (history.stream().anyMatch(h -> h.version() == v)) {
                    ExpectedSnapshots.assertMatches(name + "@v" + v, SharedTables.expected(name, v).orElseThrow(),
                            q.snapshotAt(table, v));
                    ValidationReport r = Validator.compare(name, log.snapshot(v), q.snapshotAt(table, v), log.checksum(v));
                    assertThat(r.passed()).as(r.render()).isTrue();
                }
            }
            for (VersionInfo h : history) {
                assertThat(h.origin()).isEqualTo(plan.steps().stream().filter(s -> s.version() == h.version())
                        .findFirst().orElseThrow().origin());
                if (h.origin() == Origin.COMMIT) {
                    assertRoundTrip(name, dir, h.version(), q.actionsOf(table, h.version()));
                } else {
                    assertThat(q.actionsOf(table, h.version())).hasSize((int) h.actionCount());
                }
            }
        }
    }

    /** Each line's top-level keys, in order, are the version's actions (CommitLines); each must come back equal. */
    static void assertRoundTrip(String name, Path dir, long version, List<Action> back) throws IOException {
        Path commit = dir.resolve("_delta_log").resolve(String.format("%020d.json", version));
        List<JsonNode> originals = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(commit)) {
            if (!line.isBlank()) {
                ActionCodec.mapper().readTree(line).properties().forEach(e ->
                        originals.add(ActionCodec.mapper().createObjectNode().set(e.getKey(), e.getValue())));
            }
        }
        assertThat(back).as(name + " v" + version + " actions").hasSize(originals.size());
        for (int i = 0; i < originals.size(); i++) {
            JsonNode recreated = ActionCodec.toNode(back.get(i));
            assertThat(JsonEquivalence.equivalent(originals.get(i), recreated))
                    .as(name + " v" + version + " action " + i + "\n  log: " + originals.get(i) + "\n  sql: " + recreated).isTrue();
        }
    }
}
