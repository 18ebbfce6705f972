package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.testing.PgDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What every object-store IT checks: one-line errors, secrets in no output and no database row, real processes. */
final class StorageAssertions {
    private StorageAssertions() {
    }

    /** Exit 3 and ONE line on stderr, of at most ~200 characters, containing {@code parts}. */
    static void oneLineSourceError(Cli.Result r, String... parts) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOURCE);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).contains(parts);
        assertThat(r.err().strip().length()).as(r.toString()).isLessThanOrEqualTo(230); // "deltasql: source: " + ≤ 200
    }

    /**
     * After the switch, on an object store: {@code deltasql read} of the table imported into
     * {@code remoteUri} reads its data files from the store with {@code options} — the same rows as
     * the same shared table imported from the local disk and read there — and {@code --count} agrees.
     */
    static void readsLikeTheLocalCopy(PgDatabase db, String table, String remoteUri, List<String> options, List<Cli.Result> all) {
        String localUri = db.uri("local_read", table);
        Cli.Result local = Cli.run("import", Cli.table(table).toString(), localUri, "--format=json", "--progress=none");
        assertThat(local.exitCode()).as(local.toString()).isZero();
        Cli.Result localRows = Cli.run("read", localUri, "--format", "jsonl");
        assertThat(localRows.exitCode()).as(localRows.toString()).isZero();
        List<String> expected = localRows.out().lines().sorted().toList();
        assertThat(expected).as("rows of the local copy").isNotEmpty();

        Cli.Result rows = run(all, options, "read", remoteUri, "--format", "jsonl");
        assertThat(rows.exitCode()).as(rows.toString()).isZero();
        assertThat(rows.out().lines().sorted().toList()).as(table + " read from the object store").isEqualTo(expected);
        Cli.Result count = run(all, options, "read", remoteUri, "--count");
        assertThat(count.exitCode()).as(count.toString()).isZero();
        assertThat(count.out().strip()).isEqualTo(String.valueOf(expected.size()));
    }

    /** Whether the shared table has data files (Parquet outside its log): only then can its rows be read. */
    static boolean hasDataFiles(String table) throws java.io.IOException {
        Path dir = Cli.table(table);
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".parquet") && !dir.relativize(p).startsWith("_delta_log"));
        }
    }

    private static Cli.Result run(List<Cli.Result> all, List<String> options, String... command) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(options);
        Cli.Result r = Cli.run(a.toArray(String[]::new));
        all.add(r);
        return r;
    }

    static void secretsNowhere(List<Cli.Result> results, String... secrets) {
        assertThat(results).isNotEmpty();
        for (Cli.Result r : results) {
            for (String s : secrets) {
                assertThat(r.out()).doesNotContain(s);
                assertThat(r.err()).doesNotContain(s);
            }
        }
    }

    /** No row of any table in the test database contains a secret (locations, settings, error texts included). */
    static void secretsNotInDatabase(PgDatabase db, String... secrets) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) "
                    + "FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                    + "AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).as("the import wrote tables").isNotEmpty();
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT coalesce(string_agg(x::text, ' '), '') FROM " + t + " x")) {
                    rs.next();
                    String all = rs.getString(1);
                    for (String s : secrets) {
                        assertThat(all).as("table %s", t).doesNotContain(s);
                    }
                }
            }
        }
    }

    /** The real jar in its own process, with extra environment variables and JVM options; waits at most {@code limitSeconds}. */
    static TimedResult process(Path workDir, Map<String, String> env, List<String> jvmOptions, long limitSeconds,
            String... args) throws Exception {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        List<String> cmd = new ArrayList<>(List.of(Cli.javaBin()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", Cli.jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("DELTASQL_LOG");
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        boolean ended = p.waitFor(limitSeconds, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Cli.Result r = new Cli.Result(ended ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        return new TimedResult(r, seconds, ended);
    }

    record TimedResult(Cli.Result result, double seconds, boolean ended) {
    }
}
