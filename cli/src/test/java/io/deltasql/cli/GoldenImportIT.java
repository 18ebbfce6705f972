package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.testing.PgDatabase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code deltasql import} then {@code deltasql snapshot --format=json}, byte for byte against the
 * oracle's expected snapshots, at the latest version and at time-travel versions. A representative
 * set of layouts: no checkpoint, classic, multi-part, V2 + sidecars, DVs with partitions, a
 * cleaned-up log, a gap a checkpoint covers, the DV reconciliation key.
 */
class GoldenImportIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of("simple-table", List.of()),
                Arguments.of("checkpoint", List.of(9L, 10L)),
                Arguments.of("multi-part-checkpoint", List.of(0L)),
                Arguments.of("v2-checkpoint-json", List.of()),
                Arguments.of("dv-partitioned-with-checkpoint", List.of(9L)),
                Arguments.of("checkpoints-vacuumed", List.of(5L)),
                Arguments.of("err-missing-commit-before-checkpoint", List.of()),
                Arguments.of("log-replay-dv-key-cases", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void importedSnapshotsEqualTheOracle(String table, List<Long> versions) throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", table);
            Cli.Result imported = Cli.run("import", Cli.table(table).toString(), target, "--format=json", "--progress=none");
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            JsonNode stats = JSON.readTree(imported.out());
            assertThat(stats.get("validation_passed").asBoolean()).as(imported.toString()).isTrue();
            assertThat(stats.get("versions_imported").asLong()).isPositive();

            Cli.Result latest = Cli.run("snapshot", target, "--format=json");
            assertThat(latest.exitCode()).as(latest.toString()).isZero();
            assertThat(latest.out()).isEqualTo(Cli.expected(table + ".json"));

            for (long v : versions) {
                Cli.Result at = Cli.run("snapshot", target, "--version", String.valueOf(v), "--format=json");
                assertThat(at.exitCode()).as(at.toString()).isZero();
                assertThat(at.out()).as("%s@v%d", table, v).isEqualTo(Cli.expected(table + "@v" + v + ".json"));
            }
        }
    }
}
