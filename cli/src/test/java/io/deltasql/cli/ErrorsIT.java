package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.testing.PgDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure is one line on stderr with the documented exit code, and never shows a password. */
class ErrorsIT {
    @TempDir
    Path tmp;

    private static void assertOneLine(Cli.Result r, int exitCode) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ").startsWith("deltasql: ");
    }

    @Test
    void aTamperedSqlRowFailsValidationNamingThePath() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String source = Cli.table("simple-table").toString();
            String target = db.uri("delta", "s");
            assertThat(Cli.run("import", source, target, "--progress=none").exitCode()).isZero();
            String path = "part-00001-7891c33d-cedc-47c3-88a6-abcfb049d3b4-c000.snappy.parquet";
            db.execute("UPDATE delta.dl_add_files SET path = 'tampered.parquet' WHERE path = '" + path
                    + "' AND removed_version IS NULL");

            Cli.Result r = Cli.run("compare", source, target);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.VALIDATION_FAILED);
            assertThat(r.out()).contains("File Paths       ✗").contains("only in the log").contains(path)
                    .contains("only in sql").contains("tampered.parquet").contains("Overall: FAILED ✗");

            db.execute("UPDATE delta.dl_add_files SET path = '" + path + "', size = size + 1 WHERE path = 'tampered.parquet'");
            Cli.Result size = Cli.run("compare", source, target, "--format=json");
            assertThat(size.exitCode()).as(size.toString()).isEqualTo(ExitCodes.VALIDATION_FAILED);
            assertThat(size.out()).contains("\"name\" : \"Total File Size\",\n      \"passed\" : false");
        }
    }

    /**
     * The import's own validation of a table read from version 0 compares the store with what the
     * import read (not a second read of the log): a row the store silently drops on the way in still
     * fails it, naming the file.
     */
    @Test
    void anImportsValidationCatchesARowTheStoreLost() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String source = Cli.table("simple-table").toString();
            assertThat(Cli.run("import", source, db.uri("delta", "first"), "--progress=none").exitCode()).isZero();
            String path = "part-00001-7891c33d-cedc-47c3-88a6-abcfb049d3b4-c000.snappy.parquet";
            db.execute("CREATE FUNCTION delta.drop_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.path = '" + path + "' THEN RETURN NULL; END IF; RETURN NEW; END $$");
            db.execute("CREATE TRIGGER drop_one BEFORE INSERT ON delta.dl_add_files FOR EACH ROW EXECUTE FUNCTION delta.drop_one()");

            Cli.Result r = Cli.run("import", source, db.uri("delta", "second"), "--progress=none");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.VALIDATION_FAILED);
            assertThat(r.out()).contains("File Paths       ✗").contains("only in the log").contains(path)
                    .contains("Overall: FAILED ✗");
        }
    }

    @Test
    void aMalformedTargetUriIsADatabaseProblem() {
        Cli.Result r = Cli.run("import", Cli.table("simple-table").toString(), "deltasql://postgres/?password=hunter2");
        assertOneLine(r, ExitCodes.DATABASE);
        assertThat(r.err()).contains("expected deltasql://postgres/<db>").doesNotContain("hunter2");
    }

    @Test
    void anUnknownHostSaysWhatToCheck() {
        Cli.Result r = Cli.run("info", "deltasql://postgres/db/delta/t?host=no-such-host.invalid&password=hunter2");
        assertOneLine(r, ExitCodes.DATABASE);
        assertThat(r.err()).contains("no-such-host.invalid").doesNotContain("hunter2");
    }

    @Test
    void aRefusedConnectionNamesHostAndPort() {
        Cli.Result r = Cli.run("import", Cli.table("simple-table").toString(),
                "deltasql://postgres/db/delta/t?host=127.0.0.1&port=1&password=hunter2");
        assertOneLine(r, ExitCodes.DATABASE);
        assertThat(r.err()).contains("127.0.0.1:1").contains("PGPORT").doesNotContain("hunter2");
    }

    @Test
    void aTruncatedCommitNamesVersionAndLine() throws Exception {
        Path source = TableCopies.copy("simple-table", tmp, null);
        Path commit = source.resolve("_delta_log").resolve(String.format("%020d.json", 2));
        String text = Files.readString(commit, StandardCharsets.UTF_8);
        Files.writeString(commit, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            Cli.Result r = Cli.run("import", source.toString(), db.uri("delta", "s"), "--progress=none");
            assertOneLine(r, ExitCodes.SOURCE);
            assertThat(r.err()).contains("version 2").containsPattern("line \\d+");

            Cli.Result health = Cli.run("validate", source.toString());
            assertThat(health.exitCode()).as(health.toString()).isEqualTo(ExitCodes.SOURCE);
            assertThat(health.out()).containsPattern("Commits parse +✗").contains("version 2").contains("PROBLEMS FOUND");
        }
    }

    @Test
    void notADeltaTable() {
        Cli.Result r = Cli.run("import", tmp.toString(), "deltasql://postgres/db/delta/t?host=127.0.0.1&port=1");
        assertOneLine(r, ExitCodes.SOURCE);
    }

    @Test
    void aGapNoCheckpointCoversIsASourceProblem() {
        Cli.Result r = Cli.run("validate", Cli.table("versions-not-contiguous").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOURCE);
        assertThat(r.out()).containsPattern("Contiguous +✗");
    }

    @Test
    void usageErrorsAreOneLineWithExit2() {
        assertOneLine(Cli.run("import", "--no-such-option", "a", "b"), ExitCodes.USAGE);
        assertOneLine(Cli.run("import", "only-one-argument"), ExitCodes.USAGE);
        assertOneLine(Cli.run("import", "a", "deltasql://postgres/db/s/t", "--resume", "--force"), ExitCodes.USAGE);
        Cli.Result twoTables = Cli.run("import", "a", "deltasql://postgres/db/s/t", "--table", "other.x");
        assertOneLine(twoTables, ExitCodes.USAGE);
        assertThat(twoTables.err()).contains("s.t").contains("other.x");
    }

    @Test
    void aHealthyLogValidates() {
        Cli.Result r = Cli.run("validate", Cli.table("dv-partitioned-with-checkpoint").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("Checkpoints +✓  1 checkpoint\\(s\\) compared").contains("Overall: HEALTHY ✓");
    }
}
