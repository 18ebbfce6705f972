package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.VersionInfo;
import io.deltasql.store.write.PgVersionWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared table whose log holds all commits from 0 goes through the writer commit by commit;
 * then the SQL snapshot must equal the oracle's expected snapshot at the latest version and at each
 * time-travel version, and every version's actions must re-create its commit JSON-equivalently.
 */
class SharedTablesIT {
    @RegisterExtension
    static final PgTestDatabase DB = PgTestDatabase.perClass();

    static Stream<String> tablesWithAllCommits() {
        return SharedTables.allTableNames().stream().filter(n -> SharedTables.contiguousCommits(n).isPresent());
    }

    @ParameterizedTest
    @MethodSource("tablesWithAllCommits")
    void commitsGoInAndComeBackOut(String name) throws java.io.IOException {
        List<List<String>> commits = SharedTables.contiguousCommits(name).orElseThrow();
        List<VersionBatch> batches = SharedTables.commitBatches(commits);
        try (MetadataStore store = MetadataStore.connect(DB.target("delta", name))) {
            RegisteredTable table = store.register(name, SharedTables.table(name).toUri().toString(), false);
            try (PgVersionWriter writer = store.writer(table)) {
                for (VersionBatch b : batches) {
                    assertThat(writer.apply(b)).isEqualTo(VersionWriter.ApplyOutcome.APPLIED);
                }
                assertThat(writer.head()).isEqualTo(commits.size() - 1);
                assertThat(writer.stats().versionsApplied()).isEqualTo(commits.size());
            }
            SnapshotQueries q = store.queries();

            Optional<JsonNode> latest = SharedTables.expected(name, null);
            latest.ifPresent(e -> ExpectedSnapshots.assertMatches(name + " latest", e, q.latest(table)));
            for (long v : SharedTables.timeTravelVersions(name)) {
                ExpectedSnapshots.assertMatches(name + "@v" + v, SharedTables.expected(name, v).orElseThrow(),
                        q.snapshotAt(table, v));
            }

            for (int v = 0; v < commits.size(); v++) {
                DeltaLogImportIT.assertRoundTrip(name, SharedTables.table(name), v, q.actionsOf(table, v));
            }

            List<VersionInfo> history = q.history(table);
            assertThat(history).extracting(VersionInfo::version)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, commits.size()).boxed().toList());
            for (VersionInfo h : history) {
                assertThat(h.actionCount()).isEqualTo(batches.get((int) h.version()).actionCount());
                assertThat(h.status()).isEqualTo("committed");
            }
        }
    }

}
