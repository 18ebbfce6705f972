package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.store.MetadataStore;
import io.deltasql.store.Stores;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStore;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Read commands never migrate (issue #18): they create nothing, and refuse an older schema in one line naming the upgrade. */
class ReadOnlyCommandsIT {

    private static List<Cli.Result> readCommands(String target) {
        return List.of(Cli.run("info", target), Cli.run("snapshot", target, "--format=json"),
                Cli.run("compare", Cli.table("simple-table").toString(), target), Cli.run("read", target, "--count"));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aStoreWithoutDlTablesIsNotImportedAndStaysEmpty(StoreKind kind) {
        try (TestStore db = TestStore.open(kind)) {
            assertThat(db.contents()).isEmpty();
            for (Cli.Result r : readCommands(db.uri("delta", "t"))) {
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.DATABASE);
                assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).contains("no imported table 't'").contains("run 'deltasql import' first");
            }
            assertThat(db.contents()).as("no schema, no dl_* table, no SQLite file").isEmpty();
        }
    }

    /**
     * A table registered whose import committed no version yet (stopped before version 0): read and
     * snapshot say so in one line, info says so instead of printing nulls.
     */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aTableWithNoVersionYetIsSaidToHaveNone(StoreKind kind) {
        try (TestStore db = TestStore.open(kind)) {
            String target = db.uri("delta", "t");
            try (MetadataStore store = Stores.connect(Stores.parse(target, PgDatabase.env(), null))) {
                store.register("t", Cli.table("simple-table").toUri().toString(), false);
            }
            for (Cli.Result r : List.of(Cli.run("read", target, "--count"), Cli.run("snapshot", target),
                    Cli.run("snapshot", target, "--format=json"))) {
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.DATABASE);
                assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).as(r.toString()).contains("table 't'").contains("has no version yet")
                        .contains("run 'deltasql import'");
            }
            Cli.Result info = Cli.run("info", target);
            assertThat(info.exitCode()).as(info.toString()).isZero();
            assertThat(info.out()).contains("head: no version yet").doesNotContain("null").doesNotContain("version -1");
        }
    }

    @Test
    void anOlderPostgresSchemaIsRefusedUnchangedUntilUpgraded() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "simple");
            Cli.Result imported = Cli.run("import", Cli.table("simple-table").toString(), target, "--progress=none");
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            // Back to schema V1 as an older main left it: V1's live index and view, no V2 to V4 in the history.
            db.execute("DROP INDEX delta.dl_add_files_live");
            db.execute("CREATE UNIQUE INDEX dl_add_files_live ON delta.dl_add_files (table_id, (COALESCE(path_key, path)), dv_id)"
                    + " WHERE removed_version IS NULL");
            db.execute("DROP VIEW delta.dl_live_files"); // V1's view, without V4's dl_file_ends
            db.execute("DROP TABLE delta.dl_file_ends");
            db.execute("CREATE VIEW delta.dl_live_files AS SELECT t.name AS table_name, t.table_id, f.path, f.dv_id, f.size,"
                    + " f.partition_values, f.modification_time, f.added_version, f.deletion_vector, f.stats"
                    + " FROM delta.dl_add_files f JOIN delta.dl_tables t ON t.table_id = f.table_id WHERE f.removed_version IS NULL");
            db.execute("DELETE FROM delta.dl_schema_history WHERE version IN ('2', '3', '4')");
            String indexV1 = indexDefinition(db);

            for (Cli.Result r : readCommands(target)) {
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.DATABASE);
                assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).contains("at schema version 1, this deltasql reads version 2")
                        .contains("deltasql upgrade " + "deltasql://postgres/" + db.name() + "/delta/simple");
            }
            assertThat(indexDefinition(db)).as("nothing migrated").isEqualTo(indexV1);

            Cli.Result upgrade = Cli.run("upgrade", target);
            assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
            assertThat(upgrade.out()).contains("Upgraded");
            assertThat(indexDefinition(db)).endsWith("(table_id) WHERE (removed_version IS NULL)");
            assertThat(Cli.run("snapshot", target, "--format=json").out()).isEqualTo(Cli.expected("simple-table.json"));
            assertThat(Cli.run("upgrade", target).out()).contains("current: nothing to do");
        }
    }

    @Test
    void anSqliteFileWithoutItsSchemaVersionIsRefusedUnchanged() throws Exception {
        try (TestStore db = TestStore.open(StoreKind.SQLITE)) {
            String target = db.uri("lake", "simple");
            Cli.Result imported = Cli.run("import", Cli.table("simple-table").toString(), target, "--progress=none");
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db.sqliteFile("lake"));
                 var s = c.createStatement()) {
                s.execute("DELETE FROM dl_schema_history");
            }
            byte[] before = Files.readAllBytes(db.sqliteFile("lake"));
            for (Cli.Result r : readCommands(target)) {
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.DATABASE);
                assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).contains("at schema none recorded").contains("deltasql upgrade");
            }
            assertThat(Files.readAllBytes(db.sqliteFile("lake"))).as("the file unchanged").isEqualTo(before);
        }
    }

    private static String indexDefinition(PgDatabase db) throws Exception {
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'delta' AND indexname = 'dl_add_files_live'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
