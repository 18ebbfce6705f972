package io.deltasql.store.sqlite;

import static io.deltasql.store.Actions.add;
import static io.deltasql.store.Actions.commitInfo;
import static io.deltasql.store.Actions.metadata;
import static io.deltasql.store.Actions.protocol;
import static io.deltasql.store.SharedTables.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.SqliteTarget;
import io.deltasql.store.StoreException;
import io.deltasql.store.Stores;
import io.deltasql.store.TableBusyException;
import io.deltasql.store.VersionWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store has: one writer per file by SQLite's lock, a file created on first use only. */
class SqliteStoreIT {
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[]}";

    @TempDir
    Path dir;

    private static VersionBatch v0() {
        return batch(0, Origin.COMMIT, 1000, List.of(commitInfo(1000, "CREATE"), protocol(1, 2), metadata(SCHEMA), add("a", 1)));
    }

    @Test
    void oneWriterPerFileTheSecondGetsOneLineAndItsTurnAfterwards() {
        SqliteTarget target = new SqliteTarget(dir.resolve("lake.db"), "a");
        try (MetadataStore store = Stores.connect(target)) {
            RegisteredTable a = store.register("a", "file:/a", false);
            RegisteredTable b = store.register("b", "file:/b", false);
            try (VersionWriter first = store.writer(a)) {
                first.beginVersion(0, Origin.COMMIT, 1000, 4); // holds the file's write lock from here
                assertThatThrownBy(() -> store.writer(b)).isInstanceOf(TableBusyException.class)
                        .hasMessage("the SQLite file " + target.file() + " is being written by another deltasql writer;"
                                + " one writer at a time per file — wait for it to finish or stop it");
                assertThatThrownBy(() -> store.register("c", "file:/c", false)).isInstanceOf(TableBusyException.class);
                // readers never wait (WAL)
                assertThat(store.queries().head(a)).isEqualTo(-1);
                for (var action : List.of(commitInfo(1000, "CREATE"), protocol(1, 2), metadata(SCHEMA), add("a", 1))) {
                    first.add(action);
                }
                first.endVersion();
                first.commit();
                assertThat(store.queries().latest(a).numFiles()).isEqualTo(1);
                assertThatThrownBy(() -> store.writer(b)).as("still held between groups").isInstanceOf(TableBusyException.class);
            }
            try (VersionWriter second = store.writer(b)) {
                second.apply(v0());
                assertThat(second.head()).isZero();
            }
        }
    }

    @Test
    void anOpenWriterKeepsOthersOutEvenWhileItHoldsNoSqliteLock() {
        // Open but between versions, a writer holds no SQLite lock: the instant a busy machine could
        // give to a second writer between a COMMIT and the re-take. The writer's lease covers it.
        SqliteTarget target = new SqliteTarget(dir.resolve("lake.db"), "a");
        try (MetadataStore store = Stores.connect(target)) {
            RegisteredTable a = store.register("a", "file:/a", false);
            RegisteredTable b = store.register("b", "file:/b", false);
            try (VersionWriter first = store.writer(a)) {
                assertThat(store.queries().head(a)).isEqualTo(-1);
                assertThatThrownBy(() -> store.writer(b)).isInstanceOf(TableBusyException.class)
                        .hasMessageContaining("is being written by another deltasql writer");
                assertThatThrownBy(() -> store.requireNoWriter(b)).isInstanceOf(TableBusyException.class);
                try (var probe = Stores.probe(target)) {
                    assertThatThrownBy(() -> probe.requireNoWriter(b)).as("a dry run sees it too")
                            .isInstanceOf(TableBusyException.class);
                }
                first.apply(v0());
            }
            store.requireNoWriter(b); // the lease went with the writer
            try (VersionWriter second = store.writer(b)) {
                second.apply(v0());
                assertThat(second.head()).isZero();
            }
        }
        assertThat(WriterLease.file(target)).as("the writer took its lease file with it").doesNotExist();
    }

    @Test
    void aFailedVersionLeavesNothingAndTheWriterGoesOn() {
        try (MetadataStore store = Stores.connect(new SqliteTarget(dir.resolve("lake.db"), "t"))) {
            RegisteredTable t = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(t)) {
                w.apply(v0());
                w.beginVersion(1, Origin.COMMIT, 2000, 3);
                w.add(add("b", 2));
                assertThatThrownBy(w::endVersion).isInstanceOf(StoreException.class)
                        .hasMessageContaining("expected 3 actions, got 1");
                assertThat(w.head()).isZero();
                w.apply(batch(1, Origin.COMMIT, 2000, List.of(add("c", 3))));
                assertThat(w.head()).isEqualTo(1);
            }
            assertThat(store.queries().latest(t).files()).extracting(f -> f.path()).containsExactly("a", "c");
            assertThat(store.queries().history(t)).hasSize(2);
        }
    }

    @Test
    void aVersion1FileUpgradesToTheCompactLiveIndexWithItsFilesIntact() throws Exception {
        SqliteTarget target = new SqliteTarget(dir.resolve("v1.db"), "t");
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(target.jdbcUrl(), null, null)
                .table(io.deltasql.store.schema.SchemaMigrator.HISTORY_TABLE)
                .locations("classpath:io/deltasql/store/sqlite/migration").target("1").load().migrate();
        String id = "6f1f4b2a-0000-4000-8000-000000000001";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(target.jdbcUrl());
             java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO dl_tables (table_id, name, location, head_version, first_version) "
                    + "VALUES ('" + id + "', 't', 'file:/t', 1, 0)");
            s.execute("INSERT INTO dl_table_versions (table_id, version, origin, timestamp_ms, action_count, add_count) "
                    + "VALUES ('" + id + "', 0, 'commit', 1000, 3, 3), ('" + id + "', 1, 'commit', 2000, 1, 0)");
            s.execute("INSERT INTO dl_add_files (table_id, added_version, ordinal, path, dv_id, removed_version, size) VALUES "
                    + "('" + id + "', 0, 0, 'a', '', NULL, 1), ('" + id + "', 0, 1, 'b', '', 1, 2), ('" + id + "', 0, 2, 'c', '', NULL, 3)");
            s.execute("INSERT INTO dl_remove_files (table_id, version, ordinal, path, dv_id) VALUES ('" + id + "', 1, 0, 'b', '')");
        }
        try (MetadataStore store = Stores.connect(target)) { // migrates V1 -> V2
            RegisteredTable t = store.require("t");
            assertThat(store.queries().head(t)).isEqualTo(1);
            assertThat(store.queries().latest(t).files()).extracting(f -> f.path()).containsExactly("a", "c");
            try (VersionWriter w = store.writer(t)) {
                // ends a file written under V1: found through the live_key the migration computed
                w.apply(batch(2, Origin.COMMIT, 3000, List.of(io.deltasql.store.Actions.remove("a"), add("d", 4))));
            }
            assertThat(store.queries().latest(t).files()).extracting(f -> f.path()).containsExactly("c", "d");
            assertThat(store.queries().snapshotAt(t, 1).files()).extracting(f -> f.path()).containsExactly("a", "c");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(target.jdbcUrl());
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM dl_add_files WHERE live_key IS NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).as("every row has its key").isZero();
        }
    }

    @Test
    void aVersion2FileIsReadAsItIsAndUpgradesToTheLiveIndexByTableNumber() throws Exception {
        SqliteTarget target = new SqliteTarget(dir.resolve("v2.db"), "t");
        org.flywaydb.core.Flyway.configure(getClass().getClassLoader()).dataSource(target.jdbcUrl(), null, null)
                .table(io.deltasql.store.schema.SchemaMigrator.HISTORY_TABLE)
                .locations("classpath:io/deltasql/store/sqlite/migration").target("2").load().migrate();
        String t = "6f1f4b2a-0000-4000-8000-000000000001";
        String u = "6f1f4b2a-0000-4000-8000-000000000002";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(target.jdbcUrl());
             java.sql.Statement s = c.createStatement()) {
            s.execute("INSERT INTO dl_tables (table_id, name, location, head_version, first_version) "
                    + "VALUES ('" + t + "', 't', 'file:/t', 1, 0), ('" + u + "', 'u', 'file:/u', 0, 0)");
            s.execute("INSERT INTO dl_table_versions (table_id, version, origin, timestamp_ms, action_count, add_count) "
                    + "VALUES ('" + t + "', 0, 'commit', 1000, 8, 8), ('" + t + "', 1, 'commit', 2000, 6, 0), "
                    + "('" + u + "', 0, 'commit', 1000, 1, 1)");
            // t: 2 live files of 8 rows, so its head is read through the live index (SqliteDialect.allLiveFiles)
            StringBuilder rows = new StringBuilder();
            String[] paths = {"a", "b1", "b2", "b3", "b4", "b5", "b6", "c"};
            for (int i = 0; i < paths.length; i++) {
                String removed = paths[i].startsWith("b") ? "1" : "NULL";
                rows.append(i == 0 ? "" : ", ").append("('").append(t).append("', 0, ").append(i).append(", '").append(paths[i])
                        .append("', '', ").append(removed).append(", 1, ").append(LiveKey.of(paths[i], "")).append(")");
            }
            rows.append(", ('").append(u).append("', 0, 0, 'x', '', NULL, 1, ").append(LiveKey.of("x", "")).append(")");
            s.execute("INSERT INTO dl_add_files (table_id, added_version, ordinal, path, dv_id, removed_version, size, live_key) "
                    + "VALUES " + rows);
        }
        try (MetadataStore store = Stores.openReadOnly(target)) { // V2 is read as it is: no upgrade
            assertThat(store.queries().latest(store.require("t")).files()).extracting(f -> f.path()).containsExactly("a", "c");
            assertThat(store.queries().latest(store.require("u")).files()).extracting(f -> f.path()).containsExactly("x");
        }
        assertThat(sqliteLong(target, "SELECT max(CAST(version AS INTEGER)) FROM dl_schema_history")).isEqualTo(2);

        try (MetadataStore store = Stores.connect(target)) { // migrates V2 -> V3
            RegisteredTable tt = store.require("t");
            try (VersionWriter w = store.writer(tt)) {
                // ends a file written under V2: found through the table number the migration gave its row
                w.apply(batch(2, Origin.COMMIT, 3000, List.of(io.deltasql.store.Actions.remove("a"), add("d", 4))));
            }
            assertThat(store.queries().latest(tt).files()).extracting(f -> f.path()).containsExactly("c", "d");
            assertThat(store.queries().snapshotAt(tt, 1).files()).extracting(f -> f.path()).containsExactly("a", "c");
            assertThat(store.queries().latest(store.require("u")).files()).extracting(f -> f.path()).containsExactly("x");
            store.register("w", "file:/w", false);
        }
        assertThat(sqliteLong(target, "SELECT count(DISTINCT table_no) FROM dl_tables WHERE table_no IS NOT NULL")).isEqualTo(3);
        assertThat(sqliteLong(target, "SELECT table_no FROM dl_tables WHERE name = 'w'"))
                .as("a new table takes the next number").isEqualTo(3);
        assertThat(sqliteLong(target, "SELECT count(*) FROM dl_add_files WHERE removed_version IS NULL AND table_no IS NULL"))
                .as("every live row has its table's number").isZero();
        assertThat(sqliteLong(target, "SELECT count(*) FROM dl_add_files f JOIN dl_tables t USING (table_id) "
                + "WHERE f.removed_version IS NULL AND f.table_no <> t.table_no")).isZero();
    }

    private static long sqliteLong(SqliteTarget target, String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(target.jdbcUrl());
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aDryRunCreatesNoFileAndReadsTheHeadOfOne() {
        SqliteTarget target = new SqliteTarget(dir.resolve("lake.db"), "t");
        assertThat(Stores.peekHead(target)).isEmpty();
        assertThat(Files.exists(target.file())).as("no file created").isFalse();
        assertThat(Files.exists(WriterLease.file(target))).as("no lease file created").isFalse();
        try (MetadataStore store = Stores.connect(target); VersionWriter w = store.writer(store.register("t", "file:/t", false))) {
            w.apply(v0());
        }
        assertThat(Stores.peekHead(target)).hasValue(0);
        assertThat(Stores.peekHead(target.withTable("other"))).isEmpty();
    }

    @Test
    void aMissingDirectoryOrAFileThatIsNoDatabaseIsOneLine() throws Exception {
        assertThatThrownBy(() -> Stores.connect(new SqliteTarget(dir.resolve("no/such/dir/lake.db"), "t")))
                .isInstanceOf(StoreException.class).hasMessageContaining("does not exist");
        Path text = Files.writeString(dir.resolve("notes.db"), "not a database, just text\n".repeat(200));
        assertThatThrownBy(() -> Stores.connect(new SqliteTarget(text, "t"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("is not a SQLite database")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
