package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.SnapshotStream;
import io.deltasql.store.read.SqlSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import io.deltasql.store.read.VersionInfo;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared table whose log holds all commits from 0 goes through the writer commit by commit;
 * then the SQL snapshot must equal the oracle's expected snapshot at the latest version and at each
 * time-travel version, and every version's actions must re-create its commit JSON-equivalently —
 * on both stores.
 */
class SharedTablesIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    static Stream<Arguments> tablesWithAllCommits() {
        return Stream.of(StoreKind.values()).flatMap(kind -> SharedTables.allTableNames().stream()
                .filter(n -> SharedTables.contiguousCommits(n).isPresent()).map(n -> Arguments.of(kind, n)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tablesWithAllCommits")
    void commitsGoInAndComeBackOut(StoreKind kind, String name) throws java.io.IOException {
        List<List<String>> commits = SharedTables.contiguousCommits(name).orElseThrow();
        List<VersionBatch> batches = SharedTables.commitBatches(commits);
        try (MetadataStore store = Stores.connect(Targets.of(STORES, kind, "delta", name))) {
            RegisteredTable table = store.register(name, SharedTables.table(name).toUri().toString(), false);
            try (VersionWriter writer = store.writer(table)) {
                for (VersionBatch b : batches) {
                    assertThat(writer.apply(b)).isEqualTo(VersionWriter.ApplyOutcome.APPLIED);
                }
                assertThat(writer.head()).isEqualTo(commits.size() - 1);
                assertThat(writer.stats().versionsApplied()).isEqualTo(commits.size());
            }
            SnapshotQueries q = store.queries();

            Optional<JsonNode> latest = SharedTables.expected(name, null);
            latest.ifPresent(e -> ExpectedSnapshots.assertMatches(name + " latest", e, q.latest(table)));
            assertStreamedAsRead(name + " latest", q, table, SnapshotStream.At.head(), q.latest(table));
            for (long v : SharedTables.timeTravelVersions(name)) {
                ExpectedSnapshots.assertMatches(name + "@v" + v, SharedTables.expected(name, v).orElseThrow(),
                        q.snapshotAt(table, v));
                assertStreamedAsRead(name + "@v" + v, q, table, SnapshotStream.At.version(v), q.snapshotAt(table, v));
            }

            for (int v = 0; v < commits.size(); v++) {
                DeltaLogImportIT.assertRoundTrip(name, SharedTables.table(name), v, q.actionsOf(table, v));
            }
            // A range's actions are each version's, in its order; its stamps each version's time and count.
            long last = commits.size() - 1;
            java.util.Map<Long, List<Action>> range = q.actionsOf(table, 1, last);
            assertThat(range.keySet()).isSubsetOf(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
            for (long v = 1; v <= last; v++) {
                assertThat(range.getOrDefault(v, List.of())).as(name + "@v" + v + " in the range")
                        .usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(q.actionsOf(table, v));
            }
            List<SnapshotQueries.VersionStamp> stamps = q.versionStamps(table, 0, last);
            assertThat(stamps).extracting(SnapshotQueries.VersionStamp::version)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, last).boxed().toList());
            for (SnapshotQueries.VersionStamp st : stamps) {
                assertThat(st.commit()).isTrue();
                assertThat(st.actions()).isEqualTo(batches.get((int) st.version()).actionCount());
                assertThat(st.timestampMs()).isEqualTo(q.stateAt(table, st.version()).timestamp());
            }

            SnapshotQueries.VersionTime headTime = q.headTime(table);
            assertThat(headTime.version()).isEqualTo(q.head(table)).isEqualTo(last);
            assertThat(headTime.timestampMs()).isEqualTo(q.versionTime(table, last));

            List<VersionInfo> history = q.history(table);
            assertThat(history).extracting(VersionInfo::version)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, commits.size()).boxed().toList());
            for (VersionInfo h : history) {
                assertThat(h.actionCount()).isEqualTo(batches.get((int) h.version()).actionCount());
                assertThat(h.status()).isEqualTo("committed");
            }
        }
    }

    /** The streamed snapshot (head, then files from the cursor) says what the materialised one says, in its order. */
    static void assertStreamedAsRead(String what, SnapshotQueries q, RegisteredTable table, SnapshotStream.At at,
                                     SqlSnapshot expected) {
        List<String> files = new ArrayList<>();
        SnapshotStream.Head[] head = new SnapshotStream.Head[1];
        SnapshotStream sink = new SnapshotStream() {
            @Override
            public void head(Head h) {
                assertThat(files).as(what + ": the head comes first").isEmpty();
                head[0] = h;
            }

            @Override
            public void file(String path, long size, String dvId) {
                files.add(path + " " + size + " " + dvId);
            }
        };
        q.stream(table, at, -1, sink);
        List<String> read = expected.files().stream()
                .sorted(Comparator.comparing(AddFile::path).thenComparing(f -> f.dvId() == null ? "" : f.dvId()))
                .map(f -> f.path() + " " + (f.size() == null ? 0 : f.size()) + " "
                        + (f.dvId() == null || f.dvId().isEmpty() ? null : f.dvId()))
                .toList();
        assertThat(files).as(what).containsExactlyElementsOf(read);
        assertThat(head[0].version()).as(what).isEqualTo(expected.version());
        assertThat(head[0].timestamp()).as(what).isEqualTo(expected.timestamp());
        assertThat(head[0].protocol()).as(what).isEqualTo(expected.protocol());
        assertThat(head[0].metadata()).as(what).isEqualTo(expected.metadata());
        assertThat(head[0].numFiles()).as(what).isEqualTo(expected.numFiles());
        assertThat(head[0].totalSize()).as(what).isEqualTo(expected.totalSize());

        files.clear();
        q.stream(table, at, 1, sink);
        assertThat(files).as(what + ", at most one file").hasSize(Math.min(1, read.size()));
        assertThat(head[0].numFiles()).as(what + ": the count is all files").isEqualTo(expected.numFiles());
    }
}
