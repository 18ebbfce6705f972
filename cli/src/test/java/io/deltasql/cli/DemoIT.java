package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.testing.PgDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deltasql demo}: writes a sample table, imports it and passes validation — by default into
 * a SQLite file in the working directory, with no PostgreSQL anywhere; with {@code --target} into
 * PostgreSQL, creating the database.
 */
class DemoIT {
    @TempDir
    Path tmp;

    /**
     * The launcher as a user on a fresh machine runs it: PostgreSQL unreachable (PGHOST/PGPORT point at
     * a closed port; the shared server is not stopped, others use it) and no psql on the PATH.
     */
    @Test
    void demoImportsIntoSqliteWithPostgresUnreachableAndNoPsql() throws Exception {
        // The coreutils bin/deltasql uses (its start-up archive step moves and removes files); psql is the point: absent.
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("dirname", "readlink", "mv", "rm", "touch")) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
        Files.createSymbolicLink(bin.resolve("java"), Paths.get(Cli.javaBin()));
        assertThat(Files.exists(bin.resolve("psql"))).isFalse();
        Path work = Files.createDirectories(tmp.resolve("work"));

        ProcessBuilder pb = new ProcessBuilder("/bin/bash", Paths.get("..", "bin", "deltasql").toAbsolutePath().normalize().toString(),
                "demo", "--versions", "60", "--checkpoint-interval", "20", "--progress=plain");
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", bin.toString(), "PGHOST", "127.0.0.1", "PGPORT", String.valueOf(closedPort()),
                "HOME", tmp.toString()));
        pb.directory(work.toFile());
        pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("out.txt"));
        String err = Files.readString(tmp.resolve("err.txt"));
        assertThat(p.exitValue()).as(out + err).isZero();
        Path file = work.resolve("deltasql-demo.db").toRealPath();
        assertThat(err).contains("wrote versions 0 to 59").contains("importing into sqlite " + file);
        assertThat(out).contains("Imported 60 versions (0 to 59)").contains("Overall: PASSED ✓")
                .contains("The imported table is in sqlite " + file)
                .contains("deltasql info deltasql://sqlite/" + file + "/demo_events")
                .contains("deltasql demo --target deltasql://postgres/");
        assertThat(Files.size(file)).isPositive();

        // The hints work as printed (in-process, same file).
        Cli.Result info = Cli.run("info", "deltasql://sqlite/" + file + "/demo_events");
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).contains("head: version 59");
    }

    @Test
    void demoIntoPostgresCreatesTheDatabaseAndReplacesTheTableOnASecondRun() throws Exception {
        String database = "cli_it_demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, String> env = PgDatabase.env();
        String target = "deltasql://postgres/" + database + "/delta/demo_events";
        try {
            Cli.Result r = Cli.runWithEnv(env, "demo", "--target", target, "--versions", "60", "--checkpoint-interval", "20",
                    "--progress=plain");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("created database " + database).contains("wrote versions 0 to 59");
            assertThat(r.out()).contains("Imported 60 versions (0 to 59)").contains("Overall: PASSED ✓")
                    .contains("deltasql info " + target);

            // A second run replaces the demo table and reuses the database.
            Cli.Result again = Cli.runWithEnv(env, "demo", "--target", target, "--versions", "30", "--progress=none");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.err()).doesNotContain("created database");
            Cli.Result info = Cli.runWithEnv(env, "info", target);
            assertThat(info.out()).contains("head: version 29");
        } finally {
            PgDatabase.admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static Path which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path p = Paths.get(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(tool + " not found in /usr/bin or /bin");
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
