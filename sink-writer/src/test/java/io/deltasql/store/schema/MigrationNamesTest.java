package io.deltasql.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationNamesTest {
    @Test
    void readsCreatesAndDropsInScriptOrderSkippingComments() {
        String sql = "-- CREATE TABLE not_me (x int)\n"
                + "DROP INDEX dl_add_files_live;\n"
                + "CREATE UNIQUE INDEX dl_add_files_live ON dl_add_files (x) WHERE y IS NULL;\n"
                + "create table IF NOT EXISTS Dl_Tables (a int PRIMARY KEY);\n"
                + "CREATE OR REPLACE VIEW \"Odd\"\"View\" AS SELECT 1;\n";
        assertThat(MigrationNames.changes(sql)).containsExactly(
                new MigrationNames.Change("dl_add_files_live", false, false),
                new MigrationNames.Change("dl_add_files_live", true, false),
                new MigrationNames.Change("dl_tables", true, true),
                new MigrationNames.Change("Odd\"View", true, false, true));
    }

    @Test
    void deltasqlsFirstMigrationTakesEveryDlTableAndView() throws Exception {
        String v1 = new String(MigrationNames.class.getResourceAsStream("migration/V1__dl_schema.sql").readAllBytes());
        List<String> created = MigrationNames.changes(v1).stream().filter(MigrationNames.Change::created)
                .map(MigrationNames.Change::name).toList();
        assertThat(created).contains("dl_tables", "dl_table_versions", "dl_add_files", "dl_add_files_live",
                "dl_remove_files", "dl_other_actions", "dl_live_files").allMatch(n -> n.startsWith("dl_"));
    }
}
