package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.testing.PgDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed first import leaves no trap (issue #12, point 4), and concurrent writers get one clear line. */
class FailedImportIT {
    @TempDir
    Path tmp;

    /** The table's head, or null when it is not registered. */
    private static Long head(PgDatabase db, String schema, String table) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT head_version FROM " + schema + ".dl_tables WHERE name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static Path commit(Path table, long version) {
        return table.resolve("_delta_log").resolve(String.format("%020d.json", version));
    }

    @Test
    void afterADamagedCommitIsRestoredTheSameCommandImportsWithoutResume() throws Exception {
        Path source = TableCopies.copy("simple-table", tmp, null);
        byte[] good = Files.readAllBytes(commit(source, 2));
        Files.write(commit(source, 2), java.util.Arrays.copyOf(good, good.length / 2));
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "s");
            Cli.Result failed = Cli.run("import", source.toString(), target, "--progress=none");
            assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.SOURCE);
            assertThat(head(db, "delta", "s")).as("registered, nothing committed").isEqualTo(-1L);

            Files.write(commit(source, 2), good);
            Cli.Result again = Cli.run("import", source.toString(), target, "--progress=none");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.err()).contains("holds no committed version").doesNotContain("already imported");
            assertThat(again.out()).contains("Imported 5 versions (0 to 4)").contains("Overall: PASSED ✓");
            assertThat(Cli.run("snapshot", target, "--format=json").out()).isEqualTo(Cli.expected("simple-table.json"));
        }
    }

    @Test
    void aGarbageCheckpointAFullImportDoesNotNeedIsAWarningAndTheReportSaysSo() throws Exception {
        Path source = TableCopies.copy("checkpoint", tmp, null);
        Path checkpoint = source.resolve("_delta_log").resolve(String.format("%020d.checkpoint.parquet", 10));
        Files.writeString(checkpoint, "this is not parquet", StandardCharsets.UTF_8);
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            Cli.Result r = Cli.run("import", source.toString(), db.uri("delta", "cp"), "--progress=none");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            List<String> warnings = r.err().lines().filter(l -> l.contains("00000000000000000010.checkpoint.parquet")).toList();
            assertThat(warnings).as(r.toString()).hasSize(1);
            assertThat(warnings.get(0)).startsWith("deltasql: warning: ").contains("cannot be read");
            assertThat(r.out()).contains("Imported 15 versions (0 to 14)").contains("Overall: PASSED ✓")
                    .contains("checkpoint at version 10 is unreadable");
            Cli.Result json = Cli.run("compare", source.toString(), db.uri("delta", "cp"), "--format=json");
            assertThat(json.exitCode()).as(json.toString()).isZero();
            assertThat(json.out()).contains("\"notes\"").contains("unreadable");
        }
    }

    @Test
    void aGarbageCheckpointTheImportNeedsIsRefusedBeforeAnyVersionAndTheFixedLogImportsWithoutResume() throws Exception {
        Path source = TableCopies.copy("checkpoints-vacuumed", tmp, null);
        Path checkpoint = source.resolve("_delta_log").resolve(String.format("%020d.checkpoint.parquet", 5));
        byte[] good = Files.readAllBytes(checkpoint);
        Files.writeString(checkpoint, "this is not parquet", StandardCharsets.UTF_8);
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "v");
            Cli.Result r = Cli.run("import", source.toString(), target, "--progress=none");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOURCE);
            assertThat(r.err().lines().filter(l -> l.startsWith("deltasql: source: ")).toList()).as(r.toString())
                    .singleElement().asString().contains("00000000000000000005.checkpoint.parquet");
            assertThat(head(db, "delta", "v")).isIn(null, -1L);

            Files.write(checkpoint, good);
            Cli.Result again = Cli.run("import", source.toString(), target, "--progress=none");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.out()).contains("Overall: PASSED ✓");
        }
    }

    /**
     * The winner is held still (SIGSTOP) once it has committed a version, so the second import meets
     * it for certain: exactly one honest outcome, the loser told who has the table.
     */
    @Test
    void ofTwoConcurrentFirstImportsTheLoserIsToldAnotherWriterHasTheTable() throws Exception {
        Path source = SyntheticLog.write(tmp.resolve("big"), 3000, 10);
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "big");
            String[] args = {"import", source.toString(), target, "--progress=none", "--skip-validation"};
            assertLoserMeetsAHeldWinner(db, target, args, () -> headOrMissing(db) >= 0);
            assertThat(head(db, "delta", "big")).isEqualTo(2999L);
        }
    }

    @Test
    void ofTwoConcurrentForcedImportsTheLoserGetsTheWriterLineNotADeadlock() throws Exception {
        Path source = SyntheticLog.write(tmp.resolve("big"), 3000, 10);
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "big");
            Cli.Result first = Cli.run("import", source.toString(), target, "--progress=none", "--skip-validation",
                    "--up-to-version", "1000");
            assertThat(first.exitCode()).as(first.toString()).isZero();
            String[] args = {"import", source.toString(), target, "--progress=none", "--skip-validation", "--force"};
            // The note is printed once the forced import's writer has the table (ImportRunner).
            assertLoserMeetsAHeldWinner(db, target, args, () -> winnerSaid("--force: replacing table"));
            assertThat(head(db, "delta", "big")).isEqualTo(2999L);
        }
    }

    /**
     * Two imports running at once without holding either: whichever way the race goes, each outcome
     * is an honest one — both finish one after the other (the second refused as already imported, or
     * replacing it with --force), or the one that meets the other's writer is told so in one line;
     * never a deadlock, and the table ends complete.
     */
    @Test
    void twoForcedImportsRacingEndHonestlyWhateverTheOrder() throws Exception {
        Path source = SyntheticLog.write(tmp.resolve("big"), 1500, 10);
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "big");
            List<Cli.Result> results = concurrently(
                    new String[] {"import", source.toString(), target, "--progress=none", "--skip-validation", "--force"}, 2);
            assertThat(results).as(results.toString()).extracting(Cli.Result::exitCode)
                    .containsAnyOf(ExitCodes.OK).allMatch(c -> c == ExitCodes.OK || c == ExitCodes.DATABASE);
            for (Cli.Result r : results) {
                assertThat(r.err()).as(r.toString()).doesNotContain("deadlock");
                if (r.exitCode() == ExitCodes.DATABASE) {
                    assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
                    assertThat(r.err()).contains("table 'big' is being written by another deltasql writer");
                }
            }
            assertThat(head(db, "delta", "big")).isEqualTo(1499L);
        }
    }

    private boolean winnerSaid(String note) {
        try {
            Path err = tmp.resolve("winner.err");
            return Files.exists(err) && Files.readString(err).contains(note);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static long headOrMissing(PgDatabase db) {
        try {
            Long h = head(db, "delta", "big");
            return h == null ? -2 : h;
        } catch (SQLException e) {
            return -2; // the schema is not there yet
        }
    }

    /**
     * Starts {@code args} as a real process, stops it (SIGSTOP) once {@code writing} says it holds the
     * table, runs the same import in-process, and checks the loser's one line names the winner's
     * backend; then lets the winner go on and finish.
     */
    private void assertLoserMeetsAHeldWinner(PgDatabase db, String target, String[] args,
                                             java.util.function.BooleanSupplier writing) throws Exception {
        Path err = tmp.resolve("winner.err");
        Process winner = Cli.start(tmp.resolve("winner.out"), err, args);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!writing.getAsBoolean() && winner.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            signal(winner, "STOP");
            assertThat(winner.isAlive()).as("the winner is still writing: " + Files.readString(err)).isTrue();
            Integer holder = writerBackend(db);
            assertThat(holder).as("the held winner's backend holds the table's writer lock").isNotNull();

            Cli.Result loser = Cli.run(args);
            assertThat(loser.exitCode()).as(loser.toString()).isEqualTo(ExitCodes.DATABASE);
            assertThat(loser.err().strip().lines()).as(loser.toString()).hasSize(1);
            assertThat(loser.err()).doesNotContain("deadlock").contains(
                    "table 'big' is being written by another deltasql writer (PostgreSQL backend pid " + holder + ")");
        } finally {
            signal(winner, "CONT");
        }
        assertThat(winner.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(winner.exitValue()).as(Files.readString(err)).isZero();
    }

    private static void signal(Process p, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
    }

    /** The backend holding an advisory (writer) lock in this database, or null. */
    private static Integer writerBackend(PgDatabase db) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                     + " WHERE l.locktype = 'advisory' AND l.granted AND a.datname = ? LIMIT 1")) {
            ps.setString(1, db.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    private static List<Cli.Result> concurrently(String[] args, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Cli.Result>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> Cli.run(args)));
            }
            List<Cli.Result> out = new java.util.ArrayList<>();
            for (Future<Cli.Result> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
