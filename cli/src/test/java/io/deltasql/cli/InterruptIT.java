package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.store.Stores;
import io.deltasql.testing.PgDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C (SIGINT) or SIGTERM during an import, in a real process: one line saying which versions
 * are committed and how to continue, exit 130, no transaction left open on the server, and
 * {@code --resume} finishes the table (issue #12, point 3). The signal is sent once the store holds
 * a committed version (read from the database, not guessed from a sleep).
 */
class InterruptIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE = Pattern.compile(
            "deltasql: interrupted: versions 0–(\\d+) are committed; run the same command with --resume to continue");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalDuringAnImportSaysWhatIsCommittedAndExits130(String signal) throws Exception {
        int versions = 4000;
        Path source = SyntheticLog.write(tmp.resolve("big"), versions, 10);
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String target = db.uri("delta", "sig");
            Path err = tmp.resolve("err.txt");
            Process p = Cli.start(tmp.resolve("out.txt"), err, "import", source.toString(), target, "--progress=none");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (head(target) < 100 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as("still importing at version " + head(target) + ": " + Files.readString(err)).isTrue();
            long headAtSignal = head(target);
            assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

            String stderr = Files.readString(err);
            assertThat(p.exitValue()).as(stderr).isEqualTo(130);
            List<String> lines = stderr.strip().lines().toList();
            assertThat(lines).as(stderr).hasSize(1);
            Matcher m = LINE.matcher(lines.get(0));
            assertThat(m.matches()).as(stderr).isTrue();
            long said = Long.parseLong(m.group(1));
            long headAfter = head(target);
            // The line names only what the store has committed (a COMMIT in flight may still land after it).
            assertThat(said).isBetween(headAtSignal, headAfter);
            assertThat(headAfter).as("stopped before the end").isLessThan(versions - 1);
            assertNoOpenTransaction(db);

            Cli.Result resumed = Cli.run("import", source.toString(), target, "--resume", "--format=json", "--progress=none");
            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            JsonNode stats = JSON.readTree(resumed.out());
            assertThat(stats.get("first_version").asLong()).isEqualTo(headAfter + 1);
            assertThat(stats.get("validation_passed").asBoolean()).isTrue();
        }
    }

    /** The killed process's backend goes once the server sees its socket close; none may stay idle in transaction. */
    private static void assertNoOpenTransaction(PgDatabase db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long open;
        do {
            open = sessions(db);
            if (open > 0) {
                Thread.sleep(50);
            }
        } while (open > 0 && System.nanoTime() < deadline);
        assertThat(open).as("deltasql sessions left in " + db.name()).isZero();
    }

    private static long sessions(PgDatabase db) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?"
                     + " AND application_name = 'deltasql' AND pid <> pg_backend_pid()")) {
            ps.setString(1, db.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long head(String uri) {
        return Stores.peekHead(Stores.parse(uri, PgDatabase.env(), null)).orElse(-1L);
    }
}
