package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.storage.testing.FakeGcsServer;
import io.deltasql.testing.PgDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deltasql import gs://…} end to end through Google's connector and a GCS JSON-API server on
 * loopback ({@link FakeGcsServer}; no emulator can be installed here): imports equal {@code expected/};
 * {@code --resume} picks up new commits; credentials the standard ways (a key file setting,
 * GOOGLE_APPLICATION_CREDENTIALS, the metadata server) with no extra flag; a wrong key, a missing
 * bucket and a missing table are one line each; the key and the token are in no output and no row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsImportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "lake";

    @TempDir
    Path tmp;

    private Path root;
    private FakeGcsServer gcs;
    private Path keyFile;
    private String privateKeyPart;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        root = dir.resolve("objects");
        gcs = new FakeGcsServer(root);
        gcs.createBucket(BUCKET);
        for (String t : List.of("checkpoint", "v2-checkpoint-json", "multi-part-checkpoint", "v2-checkpoints-json-with-sidecars")) {
            gcs.upload(Cli.table(t), BUCKET, "tables/" + t);
        }
        keyFile = gcs.newServiceAccountKey(dir, "importer");
        privateKeyPart = Files.readString(keyFile).replaceAll("(?s).*BEGIN PRIVATE KEY-----\\\\n(.{40}).*", "$1");
        assertThat(privateKeyPart).hasSize(40);
    }

    @AfterAll
    void stop() {
        if (gcs != null) {
            gcs.close();
        }
    }

    private List<String> options(Path key) {
        return List.of("--gcs-endpoint", gcs.rootUrl(), "--storage", "gcs.keyfile=" + key);
    }

    private Cli.Result run(List<Cli.Result> all, List<String> command, List<String> options) {
        List<String> a = new ArrayList<>(command);
        a.addAll(options);
        Cli.Result r = Cli.run(a.toArray(String[]::new));
        all.add(r);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"checkpoint", "v2-checkpoint-json", "multi-part-checkpoint", "v2-checkpoints-json-with-sidecars"})
    void importFromGcsEqualsTheOracle(String table) throws Exception {
        String location = "gs://" + BUCKET + "/tables/" + table;
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            List<Cli.Result> all = new ArrayList<>();
            Cli.Result imported = run(all, List.of("import", location, db.uri("gcs", table), "--format=json", "--progress=none"),
                    options(keyFile));
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            assertThat(JSON.readTree(imported.out()).get("validation_passed").asBoolean()).isTrue();
            Cli.Result snapshot = run(all, List.of("snapshot", db.uri("gcs", table), "--format=json"), List.of());
            assertThat(snapshot.out()).as(snapshot.toString()).isEqualTo(Cli.expected(table + ".json"));
            Cli.Result validated = run(all, List.of("validate", location), options(keyFile));
            assertThat(validated.exitCode()).as(validated.toString()).isZero();
            if (StorageAssertions.hasDataFiles(table)) {
                StorageAssertions.readsLikeTheLocalCopy(db, table, db.uri("gcs", table), options(keyFile), all);
            }
            StorageAssertions.secretsNowhere(all, privateKeyPart, gcs.issuedToken());
            StorageAssertions.secretsNotInDatabase(db, privateKeyPart, gcs.issuedToken());
        }
    }

    @Test
    void resumeImportsTheCommitsWrittenSince() throws Exception {
        Path copy = TableCopies.copy("simple-table", root.resolve(BUCKET).resolve("grow"), 2L);
        String location = "gs://" + BUCKET + "/grow/simple-table";
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            List<Cli.Result> all = new ArrayList<>();
            Cli.Result first = run(all, List.of("import", location, db.uri("gcs", "grow"), "--format=json", "--progress=none"),
                    options(keyFile));
            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(JSON.readTree(first.out()).get("last_version").asLong()).isEqualTo(2);
            TableCopies.appendVersions("simple-table", copy, 3, 4);
            Cli.Result resumed = run(all, List.of("import", location, db.uri("gcs", "grow"), "--resume", "--format=json",
                    "--progress=none"), options(keyFile));
            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            assertThat(JSON.readTree(resumed.out()).get("versions_imported").asLong()).isEqualTo(2);
            Cli.Result snapshot = run(all, List.of("snapshot", db.uri("gcs", "grow"), "--format=json"), List.of());
            assertThat(snapshot.out()).isEqualTo(Cli.expected("simple-table.json"));
            StorageAssertions.secretsNowhere(all, privateKeyPart, gcs.issuedToken());
        }
    }

    @Test
    void wrongKeyMissingBucketAndMissingTableAreOneLineEach() throws Exception {
        Path wrong = gcs.wrongServiceAccountKey(tmp, "intruder");
        String wrongPart = Files.readString(wrong).replaceAll("(?s).*BEGIN PRIVATE KEY-----\\\\n(.{40}).*", "$1");
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            List<Cli.Result> all = new ArrayList<>();
            Cli.Result denied = run(all, List.of("import", "gs://" + BUCKET + "/tables/checkpoint", db.uri("gcs", "t"),
                    "--progress=none"), options(wrong));
            assertThat(denied.err()).contains("access denied (HTTP 400 invalid_grant", "check the service-account key");
            assertThat(denied.exitCode()).isEqualTo(ExitCodes.SOURCE);
            assertThat(denied.err().strip().lines()).hasSize(1);
            Cli.Result noBucket = run(all, List.of("import", "gs://no-such-bucket/tables/checkpoint", db.uri("gcs", "t"),
                    "--progress=none"), options(keyFile));
            StorageAssertions.oneLineSourceError(noBucket, "no such bucket 'no-such-bucket'", "check the bucket name");
            Cli.Result noTable = run(all, List.of("import", "gs://" + BUCKET + "/tables/no-such-table", db.uri("gcs", "t"),
                    "--progress=none"), options(keyFile));
            StorageAssertions.oneLineSourceError(noTable, "gs://" + BUCKET + "/tables/no-such-table", "not a Delta table");
            assertThat(db.userObjects()).as("nothing created for a source that cannot be read").isEmpty();
            StorageAssertions.secretsNowhere(all, wrongPart, privateKeyPart, gcs.issuedToken());
        }
    }

    /**
     * No extra flag but the endpoint: Application Default Credentials find the key through
     * GOOGLE_APPLICATION_CREDENTIALS, and without it the metadata server (GCE_METADATA_HOST points the
     * library at this test's server, so nothing leaves loopback). Real processes, since both are read
     * from the environment; HOME is a temp dir so no real gcloud login is picked up.
     */
    @Test
    void applicationDefaultCredentialsFromTheEnvironmentAndTheMetadataServer() throws Exception {
        String location = "gs://" + BUCKET + "/tables/checkpoint";
        Map<String, String> common = Map.of("HOME", tmp.toString(), "CLOUDSDK_CONFIG", tmp.resolve("gcloud").toString(),
                "GCE_METADATA_HOST", "127.0.0.1:1");
        Map<String, String> adc = new java.util.HashMap<>(common);
        adc.put("GOOGLE_APPLICATION_CREDENTIALS", keyFile.toString());
        StorageAssertions.TimedResult viaAdc = StorageAssertions.process(tmp, adc, List.of(), 120,
                "validate", location, "--gcs-endpoint", gcs.rootUrl());
        assertThat(viaAdc.result().exitCode()).as(viaAdc.result().toString()).isZero();

        Map<String, String> metadata = new java.util.HashMap<>(common);
        metadata.put("GCE_METADATA_HOST", gcs.hostAndPort());
        int before = gcs.calls().size();
        StorageAssertions.TimedResult viaMetadata = StorageAssertions.process(tmp, metadata, List.of(), 120,
                "validate", location, "--gcs-endpoint", gcs.rootUrl());
        assertThat(viaMetadata.result().exitCode()).as(viaMetadata.result().toString()).isZero();
        assertThat(gcs.calls().subList(before, gcs.calls().size()))
                .anyMatch(c -> c.startsWith("GET /computeMetadata/v1/instance/service-accounts/default/token"));
        StorageAssertions.secretsNowhere(List.of(viaAdc.result(), viaMetadata.result()), privateKeyPart, gcs.issuedToken());
    }
}
