package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.store.Stores;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStore;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real command in its own process: the fat jar, the bin/deltasql launcher, and kill -9 mid-import. */
class ProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theLauncherImportsAndPrintsTheOracleSnapshotFromAnyDirectory() throws Exception {
        Path launcher = Paths.get("..", "bin", "deltasql").toAbsolutePath().normalize();
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "dv");
            String source = Cli.table("dv-partitioned-with-checkpoint").toString();
            Cli.Result imported = run(launcher, "import", source, target, "--format=json");
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            JsonNode stats = JSON.readTree(imported.out());
            assertThat(stats.get("versions_imported").asLong()).isEqualTo(16);
            assertThat(stats.get("validation_passed").asBoolean()).isTrue();
            assertThat(imported.err()).as("no progress bar without a terminal, only plain lines").doesNotContain("\r");

            Cli.Result snapshot = run(launcher, "snapshot", target, "--version", "9", "--format=json");
            assertThat(snapshot.out()).isEqualTo(Cli.expected("dv-partitioned-with-checkpoint@v9.json"));

            Cli.Result refused = run(launcher, "import", source, "deltasql://postgres/x/y/z?host=127.0.0.1&port=1");
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.DATABASE);
            assertThat(refused.err().strip().lines()).hasSize(1);
        }
    }

    /** In a small heap (under 768 MB usable) validation reads the two sides one after the other (TargetDatabase); it still passes. */
    @Test
    void aSmallHeapValidatesTheSidesOneAfterTheOther() throws Exception {
        Path launcher = Paths.get("..", "bin", "deltasql").toAbsolutePath().normalize();
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String source = Cli.table("dv-partitioned-with-checkpoint").toString();
            Cli.Result small = run(launcher, Map.of("DELTASQL_JAVA_OPTS", "-Xmx256m"), "import", source,
                    db.uri("delta", "small"), "--verbose");
            assertThat(small.exitCode()).as(small.toString()).isZero();
            assertThat(small.err()).contains("validation: the store's side read after the log's (heap ");
            assertThat(small.out()).contains("Overall: PASSED");

            Cli.Result big = run(launcher, Map.of("DELTASQL_JAVA_OPTS", "-Xmx1g"), "import", source,
                    db.uri("delta", "big"), "--verbose");
            assertThat(big.exitCode()).as(big.toString()).isZero();
            assertThat(big.err()).contains("validation: the store's side read beside the log's (heap ");
            assertThat(big.out()).contains("Overall: PASSED");
        }
    }

    private Cli.Result run(Path launcher, String... args) throws Exception {
        return run(launcher, Map.of(), args);
    }

    private Cli.Result run(Path launcher, Map<String, String> env, String... args) throws Exception {
        return Cli.launch(launcher, tmp, 120, env, args); // any cwd
    }

    /**
     * kill -9 at seeded random moments, each once the import has committed a version at or past a
     * random target (a progress signal, read from the store itself), then {@code --resume} must give
     * exactly what a clean import gives: snapshots and row counts. The seed is printed; set
     * {@code -Ddeltasql.seed=N} to replay a run.
     */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void killMinus9AtRandomMomentsThenResumeEqualsACleanImport(StoreKind kind) throws Exception {
        // Big enough that the kill lands well before the end even on a fast machine: a clean import writes
        // ~4,000 versions a second here, and the head is polled by a fresh connection every few ms.
        int versions = 10000;
        long window = versions / 2; // kills land in the first half, leaving the poll loop seconds of room
        long last = versions - 1;
        long seed = Long.getLong("deltasql.seed", System.nanoTime());
        System.out.println("ProcessIT kill -9 on " + kind + ": seed " + seed + " (-Ddeltasql.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        Path source = SyntheticLog.write(tmp.resolve("big"), versions, 10);
        try (TestStore db = TestStore.open(kind)) {
            String crashed = db.uri("delta", "crashed");
            int kills = 0;
            for (int attempt = 0; attempt < 2; attempt++) {
                long headBefore = head(crashed);
                if (headBefore >= window) {
                    break; // no room left for a kill well before the end
                }
                long killAt = headBefore + 1 + random.nextInt((int) (window - headBefore));
                Process p = Cli.start(tmp.resolve("o" + attempt), tmp.resolve("e" + attempt), "import", source.toString(),
                        crashed, attempt == 0 ? "--progress=plain" : "--resume");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (head(crashed) < killAt && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(p.isAlive()).as("the import is still running at version " + head(crashed) + " (kill at " + killAt
                        + "; stderr: " + java.nio.file.Files.readString(tmp.resolve("e" + attempt)) + ")").isTrue();
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from our side
                p.waitFor(30, TimeUnit.SECONDS);
                kills++;
            }
            long headAfterKills = head(crashed);
            assertThat(kills).isPositive();
            assertThat(headAfterKills).as("killed before the end").isBetween(0L, last - 1);

            Cli.Result resumed = Cli.run("import", source.toString(), crashed, "--resume", "--format=json", "--progress=none");
            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            JsonNode stats = JSON.readTree(resumed.out());
            assertThat(stats.get("first_version").asLong()).isEqualTo(headAfterKills + 1);
            assertThat(stats.get("last_version").asLong()).isEqualTo(last);
            assertThat(stats.get("validation_passed").asBoolean()).isTrue();

            String clean = db.uri("delta", "clean");
            assertThat(Cli.run("import", source.toString(), clean, "--progress=none").exitCode()).isZero();
            for (String version : new String[] {String.valueOf(last), String.valueOf(headAfterKills),
                    String.valueOf(headAfterKills + 1)}) {
                String a = Cli.run("snapshot", crashed, "--version", version, "--format=json").out();
                String b = Cli.run("snapshot", clean, "--version", version, "--format=json").out();
                assertThat(a).as("version " + version).isEqualTo(b).contains("\"version\" : " + version);
            }
            assertThat(rowCounts(db, "crashed")).isEqualTo(rowCounts(db, "clean"));
        }
    }

    /**
     * Two imports into one SQLite file at once: the one that writes first wins and completes; the
     * other stops at once with the one-line "being written by another deltasql writer" and exit 4.
     */
    @Test
    void twoWritersOnOneSqliteFileOneWinsTheOtherGetsOneLine() throws Exception {
        // Long enough that the first is still writing when the second has given up (after SQLite's busy timeout).
        Path source = SyntheticLog.write(tmp.resolve("big"), 20000, 10);
        try (TestStore db = TestStore.open(StoreKind.SQLITE)) {
            String first = db.uri("lake", "first");
            Process p = Cli.start(tmp.resolve("o1"), tmp.resolve("e1"), "import", source.toString(), first, "--progress=none",
                    "--format=json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (head(first) < 0 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(p.isAlive()).as("the first import is writing: %s", stderr(p, tmp.resolve("e1"))).isTrue();

            Cli.Result second = Cli.run("import", Cli.table("simple-table").toString(), db.uri("lake", "second"),
                    "--progress=none");
            assertThat(p.isAlive()).as("the first import was still writing when the second gave up: %s",
                    stderr(p, tmp.resolve("e1"))).isTrue();
            assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.DATABASE);
            assertThat(second.err().strip().lines()).hasSize(1);
            assertThat(second.err()).contains("is being written by another deltasql writer").contains(db.sqliteFile("lake").toString());

            assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(java.nio.file.Files.readString(tmp.resolve("e1"))).isZero();
            JsonNode stats = JSON.readTree(java.nio.file.Files.readString(tmp.resolve("o1")));
            assertThat(stats.get("last_version").asLong()).isEqualTo(19999);
            assertThat(stats.get("validation_passed").asBoolean()).isTrue();
            assertThat(Cli.run("import", Cli.table("simple-table").toString(), db.uri("lake", "second"), "--progress=none")
                    .exitCode()).as("once the first is done, the second gets its turn").isZero();
        }
    }

    /** What a process printed on stderr so far (for a failure's message). */
    private static String stderr(Process p, Path file) throws java.io.IOException {
        return (p.isAlive() ? "alive" : "exit " + p.exitValue()) + ", stderr: " + java.nio.file.Files.readString(file);
    }

    /** The committed head, read-only (creates nothing), −1 while there is none. */
    private static long head(String uri) {
        return Stores.peekHead(Stores.parse(uri, PgDatabase.env(), null)).orElse(-1L);
    }

    /** Versions, adds, removes and commit infos stored: a crash must leave neither duplicates nor holes. */
    private static List<Long> rowCounts(TestStore db, String table) throws SQLException {
        String s = db.kind() == StoreKind.POSTGRES ? "delta." : "";
        String sql = "SELECT (SELECT count(*) FROM " + s + "dl_table_versions v WHERE v.table_id = t.table_id),"
                + " (SELECT count(*) FROM " + s + "dl_add_files f WHERE f.table_id = t.table_id),"
                + " (SELECT count(*) FROM " + s + "dl_remove_files r WHERE r.table_id = t.table_id),"
                + " (SELECT count(*) FROM " + s + "dl_commit_infos i WHERE i.table_id = t.table_id)"
                + " FROM " + s + "dl_tables t WHERE t.name = ?";
        try (Connection c = db.kind() == StoreKind.POSTGRES ? db.postgres().connect()
                : DriverManager.getConnection("jdbc:sqlite:" + db.sqliteFile("delta"));
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }
}
