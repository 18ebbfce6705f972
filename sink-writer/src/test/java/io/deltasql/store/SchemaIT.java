package io.deltasql.store;

import static io.deltasql.store.SharedTables.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.log.Origin;
import io.deltasql.store.schema.SchemaConflictException;
import io.deltasql.store.schema.SchemaMigrator;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.PgTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaIT {
    @RegisterExtension
    final PgTestDatabase db = new PgTestDatabase();

    private static final List<String> TABLES = List.of("dl_add_files", "dl_cdc_files", "dl_commit_infos",
            "dl_domain_metadata", "dl_file_ends", "dl_metadata_updates", "dl_other_actions", "dl_protocol_updates", "dl_remove_files",
            "dl_schema_history", "dl_table_versions", "dl_tables", "dl_txn_actions");

    @Test
    void createsTheSchemaAndItsTablesOnceAndReRunsAsNoOp() throws SQLException {
        PgTarget target = Targets.pg(db, "Odd \"Schema\"", "t");
        assertThat(SchemaMigrator.migrate(target)).isEqualTo(4); // V1 tables, V2 compact live index, V3 no per-row keys, V4 file ends as rows
        assertThat(SchemaMigrator.migrate(target)).isZero();
        try (MetadataStore store = Stores.connect(target)) {
            store.register("t", "file:/t", false);
        }
        assertThat(relations("Odd \"Schema\"", "r")).containsExactlyElementsOf(TABLES);
        assertThat(relations("Odd \"Schema\"", "v")).containsExactly("dl_live_files");
        assertThat(relations("public", "r")).isEmpty();
    }

    @Test
    void upgradesAV1SchemaWithItsDataInPlace() throws SQLException {
        PgTarget target = Targets.pg(db, "lake", "t");
        migrateUpTo(target, "1");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // a table at version 0 with one live file, as a V1 deltasql left it
            s.execute("INSERT INTO lake.dl_tables (table_id, name, location, head_version) VALUES ('" + UUID.randomUUID()
                    + "', 't', 'file:/t', 0)");
            s.execute("INSERT INTO lake.dl_table_versions (table_id, version, origin, timestamp_ms, action_count, add_count) "
                    + "SELECT table_id, 0, 'commit', 1, 1, 1 FROM lake.dl_tables");
            s.execute("INSERT INTO lake.dl_add_files (table_id, added_version, ordinal, path, size) SELECT table_id, 0, 0, 'a', 1 FROM lake.dl_tables");
        }
        assertThat(SchemaMigrator.migrate(target)).isEqualTo(3);
        try (MetadataStore store = Stores.connect(target)) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(t)) {
                w.apply(batch(1, Origin.COMMIT, 2, List.of(Actions.remove("a"), Actions.add("b", 2))));
                w.apply(batch(2, Origin.COMMIT, 3, List.of(Actions.add("a", 3), Actions.add("b", 4)))); // re-add a, replace b
            }
            assertThat(store.queries().snapshotAt(t, 0).files()).extracting(f -> f.path()).containsExactly("a");
            assertThat(store.queries().snapshotAt(t, 1).files()).extracting(f -> f.path()).containsExactly("b");
            assertThat(store.queries().latest(t).files()).extracting(f -> f.size()).containsExactly(3L, 4L);
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'lake' AND indexname = 'dl_add_files_live'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("V4: the live index is the table alone").endsWith("(table_id) WHERE (removed_version IS NULL)");
        }
    }

    @Test
    void worksForAUserThatMayOnlyCreateInItsSchema() throws SQLException {
        String role = "deltasql_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            s.execute("CREATE SCHEMA lake");
            s.execute("GRANT USAGE, CREATE ON SCHEMA lake TO " + role);
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
        try {
            Map<String, String> env = new HashMap<>(PgDatabase.env());
            env.put("PGUSER", role);
            PgTarget target = PgTarget.parse("deltasql://postgres/" + db.name() + "/lake/t", env);
            try (MetadataStore store = Stores.connect(target)) {
                RegisteredTable t = store.register("t", "file:/t", false);
                try (VersionWriter w = store.writer(t)) {
                    w.apply(batch(0, Origin.COMMIT, 1, List.of(Actions.protocol(1, 2), Actions.add("a", 1))));
                }
                assertThat(store.queries().latest(t).numFiles()).isEqualTo(1);
            }
            assertThat(relations("lake", "r")).containsExactlyElementsOf(TABLES);
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA lake CASCADE");
                s.execute("DROP OWNED BY " + role);
                s.execute("DROP ROLE " + role);
            }
        }
    }

    /** A schema as an application leaves it: its own tables, rows and Flyway history (default table name). */
    private void userSchema(String schema) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            if (!schema.equals("public")) {
                s.execute("CREATE SCHEMA " + schema);
            }
            s.execute("CREATE TABLE " + schema + ".customers (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO " + schema + ".customers VALUES (1, 'ann'), (2, 'bob')");
            s.execute("CREATE VIEW " + schema + ".customer_names AS SELECT name FROM " + schema + ".customers");
            Flyway.configure(SchemaIT.class.getClassLoader()).dataSource(Targets.pg(db).jdbcUrl(), "postgres", null)
                    .schemas(schema).defaultSchema(schema).baselineOnMigrate(true).baselineVersion("7")
                    .baselineDescription("the application baseline").load().baseline();
        }
    }

    private List<String> userState(String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT id || ':' || name FROM " + schema + ".customers ORDER BY id",
                    "SELECT name FROM " + schema + ".customer_names ORDER BY 1",
                    "SELECT installed_rank || ' ' || version || ' ' || description || ' ' || success FROM "
                            + schema + ".flyway_schema_history ORDER BY installed_rank")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    private List<String> history(String schema, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(version, '-') || ' ' || type FROM " + schema + "." + table
                     + " ORDER BY installed_rank")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /**
     * A V2 store (what main wrote until V3) is read as it is, then upgraded in place by the next write:
     * the action tables lose their per-row foreign keys, the data stays, and deleting a table still
     * deletes every row of it.
     */
    @Test
    void upgradesAV2SchemaWithItsDataAndDeletesATableWithItsRows() throws SQLException {
        PgTarget target = Targets.pg(db, "lake", "t");
        migrateUpTo(target, "2");
        assertThat(foreignKeys("lake")).hasSize(10);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // two tables at version 0 with one live file each, as a V2 deltasql left them
            for (String name : List.of("kept", "gone")) {
                s.execute("INSERT INTO lake.dl_tables (table_id, name, location, head_version) VALUES ('" + UUID.randomUUID()
                        + "', '" + name + "', 'file:/" + name + "', 0)");
            }
            s.execute("INSERT INTO lake.dl_table_versions (table_id, version, origin, timestamp_ms, action_count, add_count) "
                    + "SELECT table_id, 0, 'commit', 1, 1, 1 FROM lake.dl_tables");
            s.execute("INSERT INTO lake.dl_protocol_updates (table_id, version, ordinal, min_reader_version, min_writer_version) "
                    + "SELECT table_id, 0, 0, 1, 2 FROM lake.dl_tables");
            s.execute("INSERT INTO lake.dl_add_files (table_id, added_version, ordinal, path, size) "
                    + "SELECT table_id, 0, 1, name || '.parquet', 1 FROM lake.dl_tables");
        }
        try (MetadataStore reader = Stores.openReadOnly(target)) {
            RegisteredTable kept = reader.find("kept").orElseThrow();
            assertThat(reader.queries().latest(kept).files()).as("a V2 store is read without an upgrade")
                    .extracting(f -> f.path()).containsExactly("kept.parquet");
        }
        assertThat(foreignKeys("lake")).hasSize(10);
        try (MetadataStore store = Stores.connect(target)) {
            assertThat(foreignKeys("lake")).containsExactly("dl_table_versions");
            for (String name : List.of("kept", "gone")) {
                RegisteredTable t = store.register(name, "file:/" + name, false);
                try (VersionWriter w = store.writer(t)) {
                    w.apply(batch(1, Origin.COMMIT, 2, List.of(Actions.remove(name + ".parquet"), Actions.add(name + "2.parquet", 2))));
                }
            }
            assertThat(store.delete("gone")).isTrue();
            assertThat(store.delete("gone")).isFalse();
            RegisteredTable kept = store.find("kept").orElseThrow();
            assertThat(store.queries().latest(kept).files()).extracting(f -> f.path()).containsExactly("kept2.parquet");
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                if (table.equals("dl_schema_history")) {
                    continue;
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM lake." + table + " t JOIN lake.dl_tables d USING (table_id)"
                        + " WHERE d.name = 'gone' UNION ALL SELECT count(*) FROM lake." + table + " WHERE table_id NOT IN "
                        + "(SELECT table_id FROM lake.dl_tables)")) {
                    while (rs.next()) {
                        assertThat(rs.getLong(1)).as(table + ": no row of the deleted table is left").isZero();
                    }
                }
            }
        }
    }

    /**
     * A V3 store (what main wrote until V4) on which a user built a view over dl_live_files: V4
     * redefines dl_live_files in place, so the upgrade succeeds and the user's view keeps working,
     * now through the new rule (pending file ends included).
     */
    @Test
    void upgradesAV3SchemaKeepingAUsersViewOnTheLiveFiles() throws SQLException {
        PgTarget target = Targets.pg(db, "lake", "t");
        migrateUpTo(target, "3");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW lake.report AS SELECT table_name, count(*) AS files FROM lake.dl_live_files GROUP BY table_name");
        }
        try (MetadataStore store = Stores.connect(target)) {
            RegisteredTable t = store.register("t", "file:/t", false);
            List<io.deltasql.log.action.Action> first = new ArrayList<>(List.of(Actions.protocol(1, 2)));
            for (int i = 0; i < 20; i++) {
                first.add(Actions.add("f" + i, i));
            }
            try (VersionWriter w = store.writer(t)) {
                w.apply(batch(0, Origin.COMMIT, 1, first));
                w.apply(batch(1, Origin.COMMIT, 2, List.of(Actions.remove("f0"))));
            }
        }
        assertThat(history("lake", SchemaMigrator.HISTORY_TABLE)).contains("4 SQL");
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT files, (SELECT count(*) FROM lake.dl_file_ends) FROM lake.report")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("f0's end is left pending (1 end, 20 open rows) and the view reads it").isEqualTo(19);
            assertThat(rs.getLong(2)).isEqualTo(1);
        }
    }

    /** The target's schema at an older version of deltasql's own migrations, recorded in its own history table. */
    private static void migrateUpTo(PgTarget target, String version) {
        Flyway.configure(SchemaIT.class.getClassLoader()).dataSource(target.jdbcUrl(), target.user(), null)
                .schemas(target.schema()).defaultSchema(target.schema()).createSchemas(true).table(SchemaMigrator.HISTORY_TABLE)
                .locations("classpath:io/deltasql/store/schema/migration").target(version).load().migrate();
    }

    private List<String> foreignKeys(String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT conrelid::regclass::text FROM pg_constraint "
                + "WHERE contype = 'f' AND connamespace = ?::regnamespace ORDER BY 1")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    tables.add(t.substring(t.indexOf('.') + 1));
                }
            }
        }
        return tables;
    }

    @Test
    void aSchemaWithTheUsersTablesAndFlywayHistoryGetsEveryMigrationAndKeepsTheirs() throws SQLException {
        userSchema("public");
        List<String> before = userState("public");
        assertThat(before).contains("1:ann", "1 7 the application baseline true");

        PgTarget target = Targets.pg(db, "public", "t");
        assertThat(SchemaMigrator.migrate(target)).isEqualTo(4);
        assertThat(history("public", SchemaMigrator.HISTORY_TABLE)).containsExactly("0 BASELINE", "1 SQL", "2 SQL", "3 SQL", "4 SQL");
        assertThat(SchemaMigrator.migrate(target)).isZero();
        try (MetadataStore store = Stores.connect(target)) {
            for (String name : List.of("sales", "orders")) {
                RegisteredTable t = store.register(name, "file:/" + name, false);
                try (VersionWriter w = store.writer(t)) {
                    w.apply(batch(0, Origin.COMMIT, 1, List.of(Actions.protocol(1, 2), Actions.add(name + ".parquet", 1))));
                }
                assertThat(store.queries().latest(t).files()).extracting(f -> f.path()).containsExactly(name + ".parquet");
            }
        }
        assertThat(userState("public")).isEqualTo(before);
        assertThat(relations("public", "r")).contains("customers", "flyway_schema_history").containsAll(TABLES);
    }

    @Test
    void aDeltasqlSchemaRecordedInFlywaysDefaultTableIsAdoptedAndUpgraded() throws SQLException {
        PgTarget target = Targets.pg(db, "lake", "t");
        Flyway.configure(SchemaIT.class.getClassLoader()).dataSource(target.jdbcUrl(), target.user(), null)
                .schemas("lake").defaultSchema("lake").createSchemas(true)
                .locations("classpath:io/deltasql/store/schema/migration").target("1").load().migrate();
        List<String> oldHistory = history("lake", "flyway_schema_history");

        assertThat(SchemaMigrator.migrate(target)).as("only V2 to V4 run: V1 is recorded there").isEqualTo(3);
        assertThat(history("lake", SchemaMigrator.HISTORY_TABLE)).containsExactly("1 BASELINE", "2 SQL", "3 SQL", "4 SQL");
        assertThat(history("lake", "flyway_schema_history")).isEqualTo(oldHistory);
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'lake' AND indexname = 'dl_add_files_live'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).endsWith("(table_id) WHERE (removed_version IS NULL)");
        }
    }

    @Test
    void aDlNameDeltasqlDidNotCreateIsRefusedBeforeAnythingIsWritten() throws SQLException {
        userSchema("shop");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE VIEW shop.dl_live_files AS SELECT 1 AS x");
        }
        List<String> before = relations("shop", "r");
        PgTarget target = Targets.pg(db, "shop", "t");
        assertThatThrownBy(() -> SchemaMigrator.migrate(target)).isInstanceOf(SchemaConflictException.class)
                .hasMessageContaining("view named dl_live_files").hasMessageContaining("nothing was written")
                .hasMessageNotContaining("\n");
        assertThat(relations("shop", "r")).isEqualTo(before).doesNotContain(SchemaMigrator.HISTORY_TABLE);

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP VIEW shop.dl_live_files");
            s.execute("CREATE TABLE shop.dl_tables (id int)");
        }
        assertThatThrownBy(() -> Stores.connect(target)).isInstanceOf(SchemaConflictException.class)
                .hasMessageContaining("table named dl_tables");

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE shop.dl_tables");
            s.execute("CREATE TABLE shop.dl_schema_history (id int)");
        }
        assertThatThrownBy(() -> Stores.connect(target)).isInstanceOf(SchemaConflictException.class)
                .hasMessageContaining("table named dl_schema_history");
        assertThat(relations("shop", "r")).isEqualTo(List.of("customers", "dl_schema_history", "flyway_schema_history"));
    }

    @Test
    void aUserWithoutTheRightToCreateIsRefusedBeforeAnythingIsWritten() throws SQLException {
        String role = "deltasql_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            s.execute("CREATE SCHEMA readonly");
            s.execute("GRANT USAGE ON SCHEMA readonly TO " + role);
            s.execute("REVOKE CREATE ON DATABASE " + db.name() + " FROM PUBLIC");
        }
        try {
            Map<String, String> env = new HashMap<>(PgTestDatabase.env());
            env.put("PGUSER", role);
            PgTarget noCreate = PgTarget.parse("deltasql://postgres/" + db.name() + "/readonly/t", env);
            assertThatThrownBy(() -> Stores.connect(noCreate)).isInstanceOf(SchemaConflictException.class)
                    .hasMessageContaining("user " + role + " may not create tables in schema \"readonly\"")
                    .hasMessageContaining("GRANT USAGE, CREATE ON SCHEMA");
            PgTarget noSchema = PgTarget.parse("deltasql://postgres/" + db.name() + "/newschema/t", env);
            assertThatThrownBy(() -> Stores.connect(noSchema)).isInstanceOf(SchemaConflictException.class)
                    .hasMessageContaining("may not create schema \"newschema\"");
            assertThat(relations("readonly", "r")).isEmpty();
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP OWNED BY " + role);
                s.execute("DROP ROLE " + role);
            }
        }
    }

    private List<String> relations(String schema, String kind) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     + "WHERE n.nspname = '" + schema.replace("'", "''") + "' AND c.relkind = '" + kind + "' ORDER BY c.relname")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
