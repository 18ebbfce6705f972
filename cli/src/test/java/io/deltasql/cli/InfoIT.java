package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.testing.PgDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deltasql info}: the table id the guide's rollback needs, and missing ranges as JSON (issue #12, point 5). */
class InfoIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void infoNamesTheTableIdAndGivesMissingRangesAsAnArray() throws Exception {
        // Commit 5 gone: the import reads commits 0-4, then the checkpoint at 10 covers 5-9.
        Path table = TableCopies.copy("checkpoint", tmp, null);
        Files.delete(table.resolve("_delta_log").resolve(String.format("%020d.json", 5)));
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "events");
            Cli.Result imported = Cli.run("import", table.toString(), target, "--progress=none");
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            String id;
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_id FROM delta.dl_tables WHERE name = 'events'")) {
                assertThat(rs.next()).isTrue();
                id = rs.getString(1);
            }

            Cli.Result json = Cli.run("info", target, "--format=json");
            assertThat(json.exitCode()).as(json.toString()).isZero();
            JsonNode info = JSON.readTree(json.out());
            assertThat(info.get("table_id").asText()).isEqualTo(id);
            assertThat(info.get("missing_ranges").isArray()).as(json.out()).isTrue();
            assertThat(info.get("missing_ranges").toString()).isEqualTo("[[5,9]]");

            Cli.Result text = Cli.run("info", target);
            assertThat(text.out()).contains("table id: " + id).contains("not in the log (covered by a checkpoint): versions 5-9");
        }
    }

    @Test
    void aTableWithNothingMissingHasAnEmptyArray() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "simple");
            assertThat(Cli.run("import", Cli.table("simple-table").toString(), target, "--progress=none").exitCode()).isZero();
            JsonNode info = JSON.readTree(Cli.run("info", target, "--format=json").out());
            assertThat(info.get("missing_ranges").isArray()).isTrue();
            assertThat(info.get("missing_ranges")).isEmpty();
        }
    }
}
