package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The import options as a user chains them: refusal, --resume, --up-to-version, --checkpoint-only, --force, --dry-run,
 * and info / snapshot on the result — on both stores (PostgreSQL and SQLite).
 */
class ImportLifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode json(Cli.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return JSON.readTree(r.out());
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void reimportWithoutResumeIsRefusedAndResumeImportsExactlyTheNewCommits(StoreKind kind) throws Exception {
        Path source = TableCopies.copy("simple-table", tmp, 2L);
        try (TestStore db = TestStore.open(kind)) {
            String target = db.uri("delta", "simple");
            JsonNode first = json(Cli.run("import", source.toString(), target, "--format=json", "--progress=none"));
            assertThat(first.get("versions_imported").asLong()).isEqualTo(3);
            assertThat(first.get("last_version").asLong()).isEqualTo(2);

            Cli.Result again = Cli.run("import", source.toString(), target);
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(again.err()).contains("already imported").contains("--resume").contains("--force");
            assertThat(again.err().strip().lines()).hasSize(1);

            Cli.Result current = Cli.run("import", source.toString(), target, "--resume");
            assertThat(current.exitCode()).as(current.toString()).isZero();
            assertThat(current.err()).contains("already current at version 2");

            TableCopies.appendVersions("simple-table", source, 3, 4);
            JsonNode resumed = json(Cli.run("import", source.toString(), target, "--resume", "--format=json", "--progress=none"));
            assertThat(resumed.get("versions_imported").asLong()).isEqualTo(2);
            assertThat(resumed.get("first_version").asLong()).isEqualTo(3);
            assertThat(resumed.get("last_version").asLong()).isEqualTo(4);
            assertThat(resumed.get("validation_passed").asBoolean()).isTrue();

            assertThat(Cli.run("snapshot", target, "--format=json").out()).isEqualTo(Cli.expected("simple-table.json"));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void upToVersionThenResume(StoreKind kind) throws Exception {
        String source = Cli.table("checkpoint").toString();
        try (TestStore db = TestStore.open(kind)) {
            String target = db.uri("delta", "cp");
            JsonNode part = json(Cli.run("import", source, target, "--up-to-version=9", "--format=json", "--progress=none"));
            assertThat(part.get("last_version").asLong()).isEqualTo(9);
            assertThat(part.get("versions_imported").asLong()).isEqualTo(10);
            assertThat(Cli.run("snapshot", target, "--format=json").out()).isEqualTo(Cli.expected("checkpoint@v9.json"));

            JsonNode rest = json(Cli.run("import", source, target, "--resume", "--format=json", "--progress=none"));
            assertThat(rest.get("first_version").asLong()).isEqualTo(10);
            assertThat(rest.get("last_version").asLong()).isEqualTo(14);
            assertThat(rest.get("versions_imported").asLong()).isEqualTo(5);
            assertThat(Cli.run("snapshot", target, "--format=json").out()).isEqualTo(Cli.expected("checkpoint.json"));
            Cli.Result compare = Cli.run("compare", source, target, "--version", "9");
            assertThat(compare.exitCode()).as(compare.toString()).isZero();
            assertThat(compare.out()).contains("PASSED");
            Cli.Result info = Cli.run("info", target);
            assertThat(info.exitCode()).as(info.toString()).isZero();
            assertThat(info.out()).contains("head: version 14").contains("last import: up to version 14, mode resume");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void checkpointOnlyStartsFromTheLatestCheckpoint(StoreKind kind) throws Exception {
        String source = Cli.table("checkpoint").toString();
        try (TestStore db = TestStore.open(kind)) {
            String target = db.uri("delta", "cp");
            JsonNode stats = json(Cli.run("import", source, target, "--checkpoint-only", "--format=json", "--progress=none"));
            assertThat(stats.get("checkpoint_version").asLong()).isEqualTo(10);
            assertThat(stats.get("first_version").asLong()).isEqualTo(10);
            assertThat(stats.get("versions_imported").asLong()).isEqualTo(5); // base 10, commits 11..14
            assertThat(stats.get("validation_passed").asBoolean()).isTrue();
            assertThat(Cli.run("snapshot", target, "--format=json").out()).isEqualTo(Cli.expected("checkpoint.json"));
            Cli.Result before = Cli.run("snapshot", target, "--version", "9");
            assertThat(before.exitCode()).as(before.toString()).isEqualTo(ExitCodes.DATABASE);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void checkpointOnlyWithoutACheckpointReplaysFromZeroAndSaysSo(StoreKind kind) throws Exception {
        try (TestStore db = TestStore.open(kind)) {
            Cli.Result r = Cli.run("import", Cli.table("simple-table").toString(), db.uri("delta", "s"), "--checkpoint-only",
                    "--progress=none");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("no checkpoint").contains("from version 0");
            assertThat(r.out()).contains("Imported 5 versions (0 to 4)").contains("Overall: PASSED ✓");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void forceReplacesTheImportedTable(StoreKind kind) throws Exception {
        try (TestStore db = TestStore.open(kind)) {
            String target = db.uri("delta", "t");
            json(Cli.run("import", Cli.table("checkpoint").toString(), target, "--up-to-version=3", "--format=json", "--progress=none"));
            JsonNode forced = json(Cli.run("import", Cli.table("simple-table").toString(), target, "--force",
                    "--format=json", "--progress=none"));
            assertThat(forced.get("versions_imported").asLong()).isEqualTo(5);
            assertThat(forced.get("validation_passed").asBoolean()).isTrue();
            assertThat(Cli.run("snapshot", target, "--format=json").out()).isEqualTo(Cli.expected("simple-table.json"));
            Cli.Result info = Cli.run("info", target, "--format=json");
            assertThat(JSON.readTree(info.out()).get("location").asText()).endsWith("simple-table");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void dryRunLeavesTheDatabaseUntouched(StoreKind kind) throws Exception {
        try (TestStore db = TestStore.open(kind)) {
            assertThat(db.contents()).isEmpty();
            Cli.Result text = Cli.run("import", Cli.table("dv-partitioned-with-checkpoint").toString(), db.uri("delta", "dv"),
                    "--dry-run");
            assertThat(text.exitCode()).as(text.toString()).isZero();
            assertThat(text.out()).contains("nothing was written").contains("Would import 16 versions (0 to 15)")
                    .contains("estimated database size").contains("estimated time").contains("docs/performance.md");

            Cli.Result resume = Cli.run("import", Cli.table("simple-table").toString(), db.uri("delta", "s"), "--dry-run",
                    "--resume", "--format=json");
            JsonNode estimate = json(resume);
            assertThat(estimate.get("dry_run").asBoolean()).isTrue();
            assertThat(estimate.get("versions").asLong()).isEqualTo(5);
            assertThat(estimate.get("add_actions").asLong()).isEqualTo(36);
            assertThat(estimate.get("remove_actions").asLong()).isEqualTo(31);
            assertThat(estimate.get("estimated_db_bytes").asLong()).isPositive();

            assertThat(db.contents()).as("no schema, no table, no row").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void jsonOutputHasEveryStatistic(StoreKind kind) throws Exception {
        try (TestStore db = TestStore.open(kind)) {
            JsonNode s = json(Cli.run("import", Cli.table("checkpoints-vacuumed").toString(), db.uri("delta", "v"),
                    "--format=json", "--progress=none"));
            for (String field : new String[] {"versions_imported", "add_actions", "remove_actions", "metadata_updates",
                    "protocol_updates", "txn_actions", "cdc_actions", "other_actions", "first_version", "last_version",
                    "checkpoint_version", "missing_ranges", "duration_seconds", "validation_passed"}) {
                assertThat(s.has(field)).as(field).isTrue();
            }
            assertThat(s.get("checkpoint_version").asLong()).isEqualTo(5);
            assertThat(s.get("first_version").asLong()).isEqualTo(5);
            assertThat(s.get("last_version").asLong()).isEqualTo(12);
            assertThat(s.get("add_actions").asLong()).isPositive();
        }
    }

    @Test
    void jdbcTargetWithTableOptionAndTimeTravelByTimestamp() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String jdbc = "jdbc:postgresql://" + PgDatabase.host() + ":" + PgDatabase.port() + "/" + db.name() + "?user=postgres";
            Cli.Result r = Cli.run("import", Cli.table("simple-table").toString(), jdbc, "--table", "delta.simple", "--progress=none");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            String target = db.uri("delta", "simple");
            assertThat(Cli.run("snapshot", jdbc, "--table", "delta.simple", "--format=json").out())
                    .isEqualTo(Cli.expected("simple-table.json"));

            Cli.Result future = Cli.run("snapshot", target, "--timestamp", "2999-01-01T00:00:00Z", "--format=json");
            assertThat(future.out()).isEqualTo(Cli.expected("simple-table.json"));
            Cli.Result tooEarly = Cli.run("snapshot", target, "--timestamp", "0");
            assertThat(tooEarly.exitCode()).as(tooEarly.toString()).isEqualTo(ExitCodes.DATABASE);
            assertThat(tooEarly.err()).contains("no version at or before");
            Cli.Result bad = Cli.run("snapshot", target, "--timestamp", "yesterday");
            assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        }
    }
}
