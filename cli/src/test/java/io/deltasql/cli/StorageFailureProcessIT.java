package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.storage.testing.AzuriteServer;
import io.deltasql.storage.testing.FakeGcsServer;
import io.deltasql.storage.testing.S3ProxyServer;
import io.deltasql.testing.PgDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every storage failure ends the real process with its one line, within the configured retry bound
 * ({@code --storage-retry-timeout}) plus the JVM's own start: an S3, GCS or Azure endpoint that is gone,
 * an account host that does not resolve, an endpoint that goes away in the middle of an import (the
 * progress line then says it is retrying storage). No run may hang: each is given a hard limit.
 */
class StorageFailureProcessIT {
    private static final int BOUND_SECONDS = 3;
    /** JVM start, Hadoop's initialisation and the failing attempts on a loaded 2-core machine. */
    private static final int SLACK_SECONDS = 25;

    @TempDir
    Path tmp;

    @Test
    void s3EndpointThatIsGone() throws Exception {
        String endpoint;
        try (S3ProxyServer s3 = new S3ProxyServer()) {
            endpoint = s3.endpoint();
        }
        StorageAssertions.TimedResult r = run("import", "s3://lake/tables/checkpoint", target(), "--progress=none",
                "--s3-endpoint", endpoint, "--s3-path-style", "--s3-access-key", S3ProxyServer.ACCESS_KEY,
                "--s3-secret-key", S3ProxyServer.SECRET_KEY);
        assertEndedWithOneLine(r, "s3://lake/tables/checkpoint", "connection refused at " + endpoint,
                "retried for " + BOUND_SECONDS + "s");
        assertThat(r.result().err()).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    void gcsEndpointThatIsGone() throws Exception {
        FakeGcsServer gcs = new FakeGcsServer(tmp.resolve("gcs"));
        Path key = gcs.newServiceAccountKey(tmp, "gone");
        String url = gcs.rootUrl();
        gcs.close();
        StorageAssertions.TimedResult r = run("import", "gs://lake/tables/checkpoint", target(), "--progress=none",
                "--gcs-endpoint", url, "--storage", "gcs.keyfile=" + key);
        assertEndedWithOneLine(r, "gs://lake/tables/checkpoint", "connection refused");
    }

    @Test
    void azureEndpointThatIsGone() throws Exception {
        StorageAssertions.TimedResult r = run(Map.of("AZURE_STORAGE_KEY", AzuriteServer.KEY), List.of(), "import",
                "az://lake/tables/checkpoint", target(), "--progress=none", "--azure-endpoint", "http://127.0.0.1:1",
                "--azure-account", AzuriteServer.ACCOUNT);
        assertEndedWithOneLine(r, "az://lake/tables/checkpoint", "connection refused at http://127.0.0.1:1");
        assertThat(r.result().err()).doesNotContain(AzuriteServer.KEY);
    }

    /** A typo in the account name: the host does not resolve (an empty hosts file: no DNS query leaves the machine). */
    @Test
    void azureAccountHostThatDoesNotResolve() throws Exception {
        Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost\n");
        StorageAssertions.TimedResult r = run(Map.of("AZURE_STORAGE_KEY", AzuriteServer.KEY),
                List.of("-Djdk.net.hosts.file=" + hosts), "import", "abfss://lake@nosuchaccount.dfs.core.windows.net/t",
                target(), "--progress=none");
        assertEndedWithOneLine(r, "abfss://lake@nosuchaccount.dfs.core.windows.net/t",
                "unknown host nosuchaccount.dfs.core.windows.net (DNS lookup failed)", "check the storage account");
        assertThat(r.result().err()).doesNotContain("hns.enabled");
    }

    /** The endpoint goes away mid-import: the plain progress line says it retries storage, then the one line. */
    @Test
    void gcsEndpointGoingAwayMidImport() throws Exception {
        Path root = tmp.resolve("objects");
        FakeGcsServer gcs = new FakeGcsServer(root);
        gcs.createBucket("lake");
        Path log = SyntheticLog.write(root.resolve("lake"), 400, 5);
        Path key = gcs.newServiceAccountKey(tmp, "mid");
        String location = "gs://lake/" + root.resolve("lake").relativize(log).toString().replace('\\', '/');
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            Path out = tmp.resolve("mid.out");
            Path err = tmp.resolve("mid.err");
            List<String> cmd = new ArrayList<>(List.of(Cli.javaBin(), "-jar", Cli.jar().toString(), "import", location,
                    db.uri("gcs", "mid"), "--progress=plain", "--no-group-commit", "--gcs-endpoint", gcs.rootUrl(),
                    "--storage", "gcs.keyfile=" + key, "--storage-retry-timeout", BOUND_SECONDS + "s"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("DELTASQL_LOG");
            Process p = pb.start();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (gcs.calls().stream().filter(c -> c.startsWith("GET /download")).count() < 60 && p.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as("still importing when the endpoint goes away: " + Files.readString(err)).isTrue();
            long gone = System.nanoTime();
            gcs.close();
            boolean ended = p.waitFor(BOUND_SECONDS + SLACK_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - gone) / 1e9;
            if (!ended) {
                p.destroyForcibly();
            }
            String stderr = Files.readString(err);
            System.out.printf("endpoint gone mid-import: the process ended %.1f s later (bound %d s)%n%s%n", seconds,
                    BOUND_SECONDS, stderr);
            assertThat(ended).as("the process must end: " + stderr).isTrue();
            assertThat(p.exitValue()).as(stderr).isEqualTo(ExitCodes.SOURCE);
            assertThat(stderr).contains("retrying storage for").doesNotContain(gcs.issuedToken());
            List<String> lines = stderr.strip().lines().toList();
            String last = lines.get(lines.size() - 1);
            assertThat(last).startsWith("deltasql: source: cannot ").contains(location, "connection refused");
            assertThat(last.length()).isLessThanOrEqualTo(260);
            assertThat(lines).noneMatch(l -> l.contains("\tat ") || l.contains("Exception"));
        }
    }

    private String target() {
        return "deltasql://postgres/none/s/t?host=127.0.0.1&port=1";
    }

    private StorageAssertions.TimedResult run(String... args) throws Exception {
        return run(Map.of(), List.of(), args);
    }

    private StorageAssertions.TimedResult run(Map<String, String> env, List<String> jvm, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--storage-retry-timeout", BOUND_SECONDS + "s"));
        return StorageAssertions.process(tmp, env, jvm, BOUND_SECONDS + SLACK_SECONDS, a.toArray(String[]::new));
    }

    private static void assertEndedWithOneLine(StorageAssertions.TimedResult r, String... parts) {
        System.out.printf("ended after %.1f s: %s%n", r.seconds(), r.result().err().strip());
        assertThat(r.ended()).as("the process must end within %d s: %s", BOUND_SECONDS + SLACK_SECONDS, r.result()).isTrue();
        StorageAssertions.oneLineSourceError(r.result(), parts);
    }
}
