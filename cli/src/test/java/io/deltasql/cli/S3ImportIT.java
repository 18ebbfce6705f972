package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.storage.testing.S3ProxyServer;
import io.deltasql.testing.PgDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deltasql import|validate|compare s3://…} with the storage options against s3proxy on
 * loopback (real S3 HTTP, signature checks): the imported snapshot equals the import of the local
 * copy and the oracle's; a wrong secret, a missing bucket and a missing table are one line each on
 * stderr with exit 3, and the secret is never printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ImportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "lake";
    private static final String WRONG_SECRET = "Wr0ng-Cli-Secret-Must-Not-Leak";

    private S3ProxyServer s3;

    @TempDir
    Path tmp;

    @BeforeAll
    void startS3() throws Exception {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        for (String t : List.of("checkpoint", "v2-checkpoint-json")) {
            s3.upload(Cli.table(t), BUCKET, "tables/" + t);
        }
    }

    @AfterAll
    void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"checkpoint", "v2-checkpoint-json"})
    void importFromS3EqualsTheLocalImportAndTheOracle(String table) throws Exception {
        String location = "s3://" + BUCKET + "/tables/" + table;
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String fromS3 = db.uri("s3", table);
            String fromDisk = db.uri("local", table);
            List<Cli.Result> all = new ArrayList<>();

            Cli.Result imported = run(all, args(List.of("import", location, fromS3, "--format=json", "--progress=none"), true));
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            JsonNode stats = JSON.readTree(imported.out());
            assertThat(stats.get("validation_passed").asBoolean()).as(imported.toString()).isTrue();
            assertThat(stats.get("versions_imported").asLong()).isPositive();

            Cli.Result local = run(all, "import", Cli.table(table).toString(), fromDisk, "--format=json", "--progress=none");
            assertThat(local.exitCode()).as(local.toString()).isZero();
            assertThat(JSON.readTree(local.out()).get("versions_imported")).isEqualTo(stats.get("versions_imported"));

            Cli.Result s3Snapshot = run(all, "snapshot", fromS3, "--format=json");
            Cli.Result localSnapshot = run(all, "snapshot", fromDisk, "--format=json");
            assertThat(s3Snapshot.exitCode()).as(s3Snapshot.toString()).isZero();
            assertThat(s3Snapshot.out()).isEqualTo(localSnapshot.out()).isEqualTo(Cli.expected(table + ".json"));

            // The same options on the other commands that read a source.
            Cli.Result validated = run(all, args(List.of("validate", location), true));
            assertThat(validated.exitCode()).as(validated.toString()).isZero();
            Cli.Result compared = run(all, args(List.of("compare", location, fromS3), true));
            assertThat(compared.exitCode()).as(compared.toString()).isZero();
            if (StorageAssertions.hasDataFiles(table)) {
                StorageAssertions.readsLikeTheLocalCopy(db, table, fromS3,
                        List.of(s3Options(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)), all);
            }

            assertSecretNowhere(S3ProxyServer.SECRET_KEY, all);
        }
    }

    @Test
    void wrongSecretIsExit3WithOneLineNamingTheBucketAndNoSecret() {
        String location = "s3://" + BUCKET + "/tables/checkpoint";
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            List<Cli.Result> all = new ArrayList<>();
            for (List<String> command : List.of(List.of("import", location, db.uri("s3", "t"), "--progress=none"),
                    List.of("validate", location), List.of("compare", location, db.uri("s3", "t")))) {
                List<String> a = new ArrayList<>(command);
                a.addAll(List.of(s3Options(S3ProxyServer.ACCESS_KEY, WRONG_SECRET)));
                Cli.Result r = run(all, a.toArray(String[]::new));
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOURCE);
                assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).as(r.toString()).contains(location, "access denied (HTTP 403", "credentials: access key delt****",
                        "check the access key, the secret");
            }
            assertSecretNowhere(WRONG_SECRET, all);
        }
    }

    /** The real process with --verbose: the debug log shows the settings masked, the error has no stack with the secret. */
    @Test
    void verboseProcessShowsMaskedSettingsOnly() throws Exception {
        String location = "s3://" + BUCKET + "/tables/checkpoint";
        List<String> a = new ArrayList<>(List.of("validate", location, "--verbose"));
        a.addAll(List.of(s3Options(S3ProxyServer.ACCESS_KEY, WRONG_SECRET)));
        Cli.Result r = Cli.process(tmp, a.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOURCE);
        assertThat(r.err()).as(r.toString()).contains("s3.secret-key=****", "access denied (HTTP 403");
        assertSecretNowhere(WRONG_SECRET, List.of(r));
    }

    @Test
    void missingBucketIsOneClearLine() {
        String location = "s3://no-such-bucket/tables/checkpoint";
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            Cli.Result r = run(new ArrayList<>(), args(List.of("import", location, db.uri("s3", "t"), "--progress=none"), true));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOURCE);
            assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).contains("no such bucket 'no-such-bucket'", "check the bucket name");
            assertSecretNowhere(S3ProxyServer.SECRET_KEY, List.of(r));
        }
    }

    @Test
    void missingTableIsOneClearLine() throws Exception {
        String location = "s3://" + BUCKET + "/tables/no-such-table";
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            Cli.Result r = run(new ArrayList<>(), args(List.of("import", location, db.uri("s3", "t"), "--progress=none"), true));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SOURCE);
            assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).contains(location, "not a Delta table");
            assertThat(db.userObjects()).as("nothing created for a source that is not a table").isEmpty();
        }
    }

    @Test
    void storageKeyValueOptionReachesHadoop() {
        // A raw Hadoop key wins over the short option: the endpoint given with --storage is the one used.
        String location = "s3://" + BUCKET + "/tables/v2-checkpoint-json";
        Cli.Result r = run(new ArrayList<>(), "validate", location, "--s3-endpoint", "http://127.0.0.1:1",
                "--storage", "fs.s3a.endpoint=" + s3.endpoint(), "--storage", "s3.path-style=true",
                "--s3-access-key", S3ProxyServer.ACCESS_KEY, "--storage", "s3.secret-key=" + S3ProxyServer.SECRET_KEY);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertSecretNowhere(S3ProxyServer.SECRET_KEY, List.of(r));
    }

    private String[] args(List<String> command, boolean withS3Options) {
        List<String> a = new ArrayList<>(command);
        if (withS3Options) {
            a.addAll(List.of(s3Options(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)));
        }
        return a.toArray(String[]::new);
    }

    private static Cli.Result run(List<Cli.Result> all, String... args) {
        Cli.Result r = Cli.run(args);
        all.add(r);
        return r;
    }

    private static void assertSecretNowhere(String secret, List<Cli.Result> results) {
        assertThat(results).isNotEmpty();
        for (Cli.Result r : results) {
            assertThat(r.out()).doesNotContain(secret);
            assertThat(r.err()).doesNotContain(secret);
        }
    }

    /** The CLI options a MinIO user would give: endpoint, path-style, region, keys. */
    private String[] s3Options(String accessKey, String secretKey) {
        return new String[] {"--s3-endpoint", s3.endpoint(), "--s3-path-style", "--s3-region", "us-east-1",
                "--s3-access-key", accessKey, "--s3-secret-key", secretKey};
    }
}
