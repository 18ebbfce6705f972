package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.testing.PgDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deltasql validate} on logs that look healthy at first sight (issue #12, point 5), and
 * validate and import agreeing on which files are live (issue #13: one replay rule).
 */
class ValidateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Path log(Path table) {
        return table.resolve("_delta_log");
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyDeltaLogIsNotATable() throws Exception {
        Path table = tmp.resolve("empty");
        Files.createDirectories(log(table));
        Cli.Result r = Cli.run("validate", table.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOURCE);
        assertThat(r.err()).contains("is not a Delta table").contains("no commit and no checkpoint");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.out()).doesNotContain("HEALTHY");
    }

    @Test
    void aLastCheckpointPointingAtAMissingCheckpointIsAWarningThatStrictFailsOn() throws Exception {
        Path table = TableCopies.copy("checkpoint", tmp, null);
        write(log(table).resolve("_last_checkpoint"), "{\"version\":7,\"size\":13}");
        Cli.Result r = Cli.run("validate", table.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("⚠  points at a missing checkpoint")
                .contains("warning: _delta_log/_last_checkpoint points at version 7, which has no complete checkpoint")
                .contains("Overall: HEALTHY, 1 warning ⚠");
        Cli.Result strict = Cli.run("validate", table.toString(), "--strict");
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(ExitCodes.VALIDATION_FAILED);

        JsonNode json = JSON.readTree(Cli.run("validate", table.toString(), "--format=json").out());
        assertThat(json.get("healthy").asBoolean()).isTrue();
        assertThat(json.get("warnings").asInt()).isEqualTo(1);
    }

    @Test
    void aLastCheckpointNamingTheWrongPartsIsAWarning() throws Exception {
        Path table = TableCopies.copy("checkpoint", tmp, null);
        write(log(table).resolve("_last_checkpoint"), "{\"version\":10,\"size\":13,\"parts\":3}");
        Cli.Result r = Cli.run("validate", table.toString(), "--strict");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.VALIDATION_FAILED);
        assertThat(r.out()).contains("points at the wrong checkpoint").contains("has 3 part(s); the log holds 1");

        write(log(table).resolve("_last_checkpoint"), "{\"version\":10,\"size\":13}");
        Cli.Result good = Cli.run("validate", table.toString(), "--strict");
        assertThat(good.exitCode()).as(good.toString()).isZero();
        assertThat(good.out()).contains("points at the checkpoint at version 10").contains("Overall: HEALTHY ✓");
    }

    @Test
    void aZeroByteCommitIsAWarning() throws Exception {
        Path table = TableCopies.copy("simple-table", tmp, null);
        Files.createFile(log(table).resolve(String.format("%020d.json", 5)));
        Cli.Result r = Cli.run("validate", table.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("warning: version 5: the commit file holds no action (0 bytes)")
                .contains("Overall: HEALTHY, 1 warning ⚠");
        assertThat(Cli.run("validate", table.toString(), "--strict").exitCode()).isEqualTo(ExitCodes.VALIDATION_FAILED);
    }

    @Test
    void aDatabaseTargetIsPointedToCompareAndInfo() {
        Cli.Result r = Cli.run("validate", "deltasql://postgres/lake/delta/events?password=hunter2");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("validate takes a Delta table location").contains("deltasql compare")
                .contains("deltasql info").doesNotContain("hunter2").doesNotContain("FileSystem");
    }

    /**
     * A writer that adds {@code /x} and removes {@code file:/x}: one logical file (Delta qualifies
     * paths before comparing), so one file is live after version 1, as its .crc says. validate and
     * import must both say so.
     */
    @Test
    void validateAndImportAgreeOnATableWritingBothPathForms() throws Exception {
        Path table = tmp.resolve("two-path-forms");
        Files.createDirectories(log(table));
        String abs = table.resolve("part-0.parquet").toString();
        write(log(table).resolve(String.format("%020d.json", 0)), String.join("\n",
                "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}",
                "{\"metaData\":{\"id\":\"3d3b1a1e-7c2a-4f55-9a57-1f0d6e2b9c01\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
                        + "\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\","
                        + "\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\",\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1700000000000}}",
                "{\"add\":{\"path\":\"" + abs + "\",\"partitionValues\":{},\"size\":100,\"modificationTime\":1700000000000,\"dataChange\":true}}",
                "{\"add\":{\"path\":\"part-1.parquet\",\"partitionValues\":{},\"size\":50,\"modificationTime\":1700000000000,\"dataChange\":true}}",
                "{\"commitInfo\":{\"timestamp\":1700000000000,\"operation\":\"WRITE\"}}") + "\n");
        write(log(table).resolve(String.format("%020d.json", 1)), String.join("\n",
                "{\"remove\":{\"path\":\"file:" + abs + "\",\"deletionTimestamp\":1700000001000,\"dataChange\":true,\"size\":100}}",
                "{\"commitInfo\":{\"timestamp\":1700000001000,\"operation\":\"DELETE\"}}") + "\n");
        write(log(table).resolve(String.format("%020d.crc", 1)), "{\"numFiles\":1,\"tableSizeBytes\":50}");

        Cli.Result validate = Cli.run("validate", table.toString());
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out()).contains("✓  1 .crc file(s) compared").contains("Overall: HEALTHY ✓");

        try (PgDatabase db = PgDatabase.create("cli_it")) {
            Cli.Result imported = Cli.run("import", table.toString(), db.uri("delta", "forms"), "--progress=none");
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            assertThat(imported.out()).containsPattern("File Count +✓ +1 files").contains("Overall: PASSED ✓");
            JsonNode snapshot = JSON.readTree(Cli.run("snapshot", db.uri("delta", "forms"), "--format=json").out());
            assertThat(snapshot.get("numFiles").asLong()).isEqualTo(1);
            assertThat(snapshot.get("files").get(0).get("path").asText()).isEqualTo("part-1.parquet");
        }
    }
}
