package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.testing.PgDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import speaks the migration guide's words (issue #12, point 5): which checkpoint it found and
 * used, the base version in the summary, the guide's metric names in JSON, and DELTASQL_LOG=debug's
 * line per version and per validation step (nothing more at the default level).
 */
class ImportWordsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aCheckpointTheImportStartsFromIsFoundUsedAndNamedAsTheBase() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            Cli.Result r = Cli.run("import", Cli.table("checkpoints-vacuumed").toString(), db.uri("delta", "v"), "--progress=none");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("deltasql: found checkpoint at version 5: starting from it");
            assertThat(r.out()).contains("  base: the checkpoint at version 5\n");
        }
    }

    @Test
    void aCheckpointAFullHistoryDoesNotNeedIsFoundAndTheBaseIsVersion0() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            Cli.Result r = Cli.run("import", Cli.table("checkpoint").toString(), db.uri("delta", "c"), "--progress=none");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("deltasql: found checkpoint at version 10: not needed, every commit from version 0 is present");
            assertThat(r.out()).contains("  base: version 0, every commit replayed (the checkpoint at version 10 was not needed)\n");

            Cli.Result resumed = Cli.run("import", Cli.table("checkpoint").toString(), db.uri("delta", "r"), "--progress=none",
                    "--up-to-version", "3");
            assertThat(resumed.out()).as(resumed.toString()).contains("  base: version 0, every commit replayed (no checkpoint at or before version 3)\n");
            Cli.Result rest = Cli.run("import", Cli.table("checkpoint").toString(), db.uri("delta", "r"), "--progress=none", "--resume");
            assertThat(rest.out()).as(rest.toString()).contains("  base: version 3, already in the table (resumed after it)\n");
        }
    }

    @Test
    void theJsonReportHasTheGuidesMetricNamesAndTodaysOnes() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            Cli.Result r = Cli.run("import", Cli.table("checkpoints-vacuumed").toString(), db.uri("delta", "v"), "--progress=none",
                    "--format=json");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            JsonNode stats = JSON.readTree(r.out());
            for (String name : List.of("versions_imported", "add_actions", "remove_actions", "metadata_updates",
                    "protocol_updates", "import_duration_seconds", "duration_seconds", "txn_actions", "other_actions",
                    "first_version", "last_version", "base_version", "checkpoint_version", "found_checkpoint_version")) {
                assertThat(stats.has(name)).as(name + " in " + r.out()).isTrue();
            }
            assertThat(stats.get("import_duration_seconds").asDouble()).isEqualTo(stats.get("duration_seconds").asDouble());
            assertThat(stats.get("base_version").asLong()).isEqualTo(5);
            assertThat(stats.get("checkpoint_version").asLong()).isEqualTo(5);
        }
    }

    @Test
    void debugLogsEachVersionAndValidationStepAndTheDefaultLevelDoesNot() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String source = Cli.table("simple-table").toString();
            Cli.Result debug = process("debug", "import", source, db.uri("delta", "d"), "--progress=none");
            assertThat(debug.exitCode()).as(debug.toString()).isZero();
            for (int v = 0; v <= 4; v++) {
                assertThat(debug.err()).as(debug.toString()).containsPattern(
                        "version " + v + " imported \\(COMMIT\\): \\d+ actions \\([^)]*\\) in \\d+ ms");
            }
            assertThat(debug.err()).containsPattern("version 0 imported \\(COMMIT\\): \\d+ actions \\([^)]*1 protocol[^)]*\\)");
            // an import from version 0 validates against what it read itself, unless the heap is small (then it replays the log)
            assertThat(debug.err()).containsPattern("validation: the log's snapshot at version 4 "
                            + "(built from what the import read|replayed from the log) in \\d+ ms \\(\\d+ live files\\)")
                    .contains("validation: the SQL snapshot at version 4 read in").contains("validation: File Count passed");

            Cli.Result quiet = process(null, "import", source, db.uri("delta", "q"), "--progress=none");
            assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
            assertThat(quiet.err()).as(quiet.toString()).doesNotContain(" imported (").doesNotContain("validation:")
                    .doesNotContain("DEBUG");
        }
    }

    /** The real process with DELTASQL_LOG set (the in-process runner keeps the first command's log level). */
    private Cli.Result process(String logLevel, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Cli.javaBin(), "-jar", Cli.jar().toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("DELTASQL_LOG");
        if (logLevel != null) {
            pb.environment().put("DELTASQL_LOG", logLevel);
        }
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
