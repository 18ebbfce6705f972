package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real command in its own process: the fat jar, the bin/deltasql launcher, and kill -9 mid-import. */
class ProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theLauncherImportsAndPrintsTheOracleSnapshotFromAnyDirectory() throws Exception {
        Path launcher = Paths.get("..", "bin", "deltasql").toAbsolutePath().normalize();
        try (TestDatabase db = new TestDatabase()) {
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

    private Cli.Result run(Path launcher, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString());
        pb.command().addAll(List.of(args));
        pb.directory(tmp.toFile()); // any cwd
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(p.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
    }

    @Test
    void killMinus9AtRandomMomentsThenResumeEqualsACleanImport() throws Exception {
        // Big enough that a group-commit import (the default) is still running when the kill lands.
        int versions = 4000;
        long last = versions - 1;
        Path source = SyntheticLog.write(tmp.resolve("big"), versions, 10);
        Random random = new Random();
        try (TestDatabase db = new TestDatabase()) {
            String crashed = db.uri("delta", "crashed");
            for (int attempt = 0; attempt < 2; attempt++) {
                long headBefore = head(db, "crashed");
                Process p = Cli.start(tmp.resolve("o" + attempt), tmp.resolve("e" + attempt), "import", source.toString(),
                        crashed, attempt == 0 ? "--progress=plain" : "--resume");
                // Kill only once the import is under way (the head moved), then a random moment later.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (head(db, "crashed") <= headBefore && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(800));
                p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from our side
                p.waitFor(30, TimeUnit.SECONDS);
            }
            long headAfterKills = head(db, "crashed");
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

    private static long head(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT head_version FROM delta.dl_tables WHERE name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // the schema is not created yet
                return -1;
            }
            throw e;
        }
    }

    /** Versions, adds, removes and commit infos stored: a crash must leave neither duplicates nor holes. */
    private static List<Long> rowCounts(TestDatabase db, String table) throws SQLException {
        String sql = "SELECT (SELECT count(*) FROM delta.dl_table_versions v WHERE v.table_id = t.table_id),"
                + " (SELECT count(*) FROM delta.dl_add_files f WHERE f.table_id = t.table_id),"
                + " (SELECT count(*) FROM delta.dl_remove_files r WHERE r.table_id = t.table_id),"
                + " (SELECT count(*) FROM delta.dl_commit_infos i WHERE i.table_id = t.table_id)"
                + " FROM delta.dl_tables t WHERE t.name = ?";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }
}
