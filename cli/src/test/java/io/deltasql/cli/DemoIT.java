package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code deltasql demo}: creates its database, writes a sample table, imports it and passes validation. */
class DemoIT {
    @Test
    void demoCreatesTheDatabaseImportsAndPasses() throws Exception {
        String database = "cli_it_demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, String> env = Map.of("PGHOST", TestDatabase.HOST, "PGPORT", String.valueOf(TestDatabase.PORT), "PGUSER", "postgres");
        try {
            Cli.Result r = Cli.runWithEnv(env, "demo", "--database", database, "--versions", "60", "--checkpoint-interval", "20",
                    "--progress=plain");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("created database " + database).contains("wrote versions 0 to 59");
            assertThat(r.out()).contains("Imported 60 versions (0 to 59)").contains("Overall: PASSED ✓");

            // A second run replaces the demo table and reuses the database.
            Cli.Result again = Cli.runWithEnv(env, "demo", "--database", database, "--versions", "30", "--progress=none");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.err()).doesNotContain("created database");
            Cli.Result info = Cli.runWithEnv(env, "info", "deltasql://postgres/" + database + "/delta/demo_events");
            assertThat(info.out()).contains("head: version 29");
        } finally {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
