package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.DeltaLogException.Kind;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.VersionInfo;
import io.deltasql.store.validate.ValidationReport;
import io.deltasql.store.validate.Validator;
import io.deltasql.store.write.WriterOptions;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real pipeline over every shared table, on BOTH stores (PostgreSQL and SQLite, one
 * parameterised suite): DeltaLog plans and streams the versions (full, and from the latest checkpoint
 * only), the store's writer applies them, and the store's snapshot must pass the Validator against
 * the replayed file snapshot (and the .crc) and equal the oracle's expected snapshot, at the latest
 * version and at every time-travel version the store holds. Each commit re-created from the store
 * must be JSON-equivalent to its log file.
 *
 * <p>No case skips: a table that delta-log refuses is listed in {@link #REFUSED} with the kind it is
 * refused with, and the test asserts that refusal; a table the oracle refuses but deltasql reads is
 * listed in {@link #READ_DESPITE_ORACLE} with the reason.
 */
class DeltaLogImportIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    /** Tables delta-log refuses, and how: the oracle refuses each of them too (asserted). */
    static final Map<String, Kind> REFUSED = Map.of(
            "catalog-owned-preview", Kind.UNSUPPORTED, // catalog-managed: the files are not the whole truth
            "deltalog-invalid-protocol-version", Kind.UNSUPPORTED, // reader version 99
            "simple-table-features", Kind.UNSUPPORTED, // reader version 5
            "deltalog-state-reconstruction-from-checkpoint-missing-metadata", Kind.INCOMPLETE_STATE,
            "deltalog-state-reconstruction-without-protocol", Kind.INCOMPLETE_STATE,
            "err-missing-commit-after-checkpoint", Kind.GAP, // 12 missing, no checkpoint covers it
            "versions-not-contiguous", Kind.GAP); // 1 missing

    /**
     * Tables the oracle (Delta Kernel) refuses and deltasql reads on purpose (docs/architecture.md,
     * "Deliberate departures"): their import must succeed and validate.
     */
    static final Map<String, String> READ_DESPITE_ORACLE = Map.of(
            "table-with-domain-metadata", "only the checkpoint at 108 exists; it is the complete state",
            "canonicalized-paths-special-a", "metadata without schemaString is still metadata; file:/x = /x");

    /** Every table fully; tables with a checkpoint also from their latest checkpoint only; each on both stores. */
    static Stream<Arguments> tables() {
        return Stream.of(StoreKind.values()).flatMap(kind -> SharedTables.allTableNames().stream().flatMap(n -> hasCheckpoint(n)
                ? Stream.of(Arguments.of(kind, n, false), Arguments.of(kind, n, true))
                : Stream.of(Arguments.of(kind, n, false))));
    }

    private static boolean hasCheckpoint(String name) {
        try (Stream<Path> s = Files.list(SharedTables.table(name).resolve("_delta_log"))) {
            return s.anyMatch(p -> p.getFileName().toString().contains(".checkpoint."));
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}: {1} checkpointOnly={2}")
    @MethodSource("tables")
    void importValidatesAgainstReplayAndOracle(StoreKind kind, String name, boolean checkpointOnly) throws IOException {
        Path dir = SharedTables.table(name);
        boolean oracleRefused = Files.exists(SharedTables.root().resolve("expected").resolve(name + ".error.json"));
        StoreTarget target = Targets.of(STORES, kind, checkpointOnly ? "from_checkpoint" : "full", name);
        try (DeltaLog log = DeltaLog.openLocal(dir.toString()); MetadataStore store = Stores.connect(target)) {
            Kind refusal = REFUSED.get(name);
            if (refusal != null) {
                assertThat(oracleRefused).as(name + ": listed as refused, so the oracle must refuse it too").isTrue();
                assertThatThrownBy(() -> importAndCheck(name, dir, checkpointOnly, log, store))
                        .as(name + " must be refused with " + refusal)
                        .isInstanceOfSatisfying(DeltaLogException.class, e -> assertThat(e.kind()).isEqualTo(refusal));
                return;
            }
            assertThat(oracleRefused).as(name + ": the oracle refuses it (expected/" + name + ".error.json); deltasql "
                    + "reads it — list it in REFUSED with its kind, or in READ_DESPITE_ORACLE with the reason")
                    .isEqualTo(READ_DESPITE_ORACLE.containsKey(name));
            importAndCheck(name, dir, checkpointOnly, log, store);
        }
    }

    private static void importAndCheck(String name, Path dir, boolean checkpointOnly, DeltaLog log, MetadataStore store)
            throws IOException {
        {
            VersionPlan plan = log.plan(0, null, checkpointOnly);
            RegisteredTable table = store.register(name, log.location(), false);
            try (VersionWriter writer = store.writer(table, WriterOptions.defaults())) {
                writer.applyAll(log.versions(plan));
                assertThat(writer.head()).isEqualTo(plan.lastVersion());
            }
            SnapshotQueries q = store.queries();
            long head = plan.lastVersion();
            ValidationReport report = Validator.compare(name, log.snapshot(head), q.latest(table), log.checksum(head));
            assertThat(report.passed()).as(report.render()).isTrue();

            // The oracle's latest snapshot, where it has one (a table it refuses has an .error.json instead).
            Optional<JsonNode> expected = SharedTables.expected(name, null);
            assertThat(expected.isPresent()).as(name + ": expected/" + name + ".json").isNotEqualTo(READ_DESPITE_ORACLE.containsKey(name));
            if (expected.isPresent()) {
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
