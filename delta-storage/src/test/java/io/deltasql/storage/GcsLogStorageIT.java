package io.deltasql.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.storage.testing.FakeGcsServer;
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
 * {@code gs://} end to end through Google's connector, pointed at {@link FakeGcsServer} (the JSON API
 * on loopback, objects from a temp dir, a service-account key whose token endpoint is that server):
 * with no setting beyond the endpoint and the key file (Hadoop 3.5's "64m" sizes handled), shared
 * tables equal their local copies; a wrong key, a missing bucket and a missing table are one line each,
 * with no secret in them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsLogStorageIT {
    private static final String BUCKET = "lake";
    private static final List<String> TABLES = List.of("simple-table", "checkpoint", "multi-part-checkpoint",
            "v2-checkpoint-json", "v2-checkpoints-json-with-sidecars", "v2-checkpoint-parquet", "dv-partitioned-with-checkpoint");

    @TempDir
    Path tmp;

    private FakeGcsServer gcs;
    private Path keyFile;

    @BeforeAll
    void startGcs(@TempDir Path root) throws Exception {
        gcs = new FakeGcsServer(root.resolve("objects"));
        gcs.createBucket(BUCKET);
        for (String t : TABLES) {
            gcs.upload(SharedTables.table(t), BUCKET, "tables/" + t);
        }
        keyFile = gcs.newServiceAccountKey(root, "reader");
    }

    @AfterAll
    void stopGcs() {
        if (gcs != null) {
            gcs.close();
        }
    }

    private StorageSettings settings(Path key) {
        return StorageSettings.of(Map.of(StorageSettings.GCS_ENDPOINT, gcs.rootUrl(),
                StorageSettings.GCS_KEYFILE, key.toString(), StorageSettings.RETRY_TIMEOUT, "3s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"simple-table", "checkpoint", "multi-part-checkpoint", "v2-checkpoint-json",
            "v2-checkpoints-json-with-sidecars", "v2-checkpoint-parquet", "dv-partitioned-with-checkpoint"})
    void sharedTableOverGcsEqualsTheLocalCopy(String table) throws Exception {
        String location = "gs://" + BUCKET + "/tables/" + table;
        int before = gcs.calls().size();
        try (LogStorage storage = LogStorages.forLocation(location, settings(keyFile));
             DeltaLog remote = DeltaLog.open(location, storage);
             DeltaLog local = DeltaLog.openLocal(SharedTables.table(table).toString())) {
            Snapshot expected = local.latestSnapshot();
            Snapshot actual = remote.latestSnapshot();
            assertThat(actual.version()).isEqualTo(expected.version());
            assertThat(actual.files()).isEqualTo(expected.files()).isNotEmpty();
            assertThat(actual.tombstones()).isEqualTo(expected.tombstones());
            assertThat(actual.protocol()).isEqualTo(expected.protocol());
            assertThat(actual.metadata()).isEqualTo(expected.metadata());
            assertThat(actual.txns()).isEqualTo(expected.txns());
            assertThat(actual.domains()).isEqualTo(expected.domains());
            long first = local.listing().earliestRebuildableVersion().orElseThrow();
            List<String> expectedStream = stream(local, local.plan(first, null, false));
            assertThat(stream(remote, remote.plan(first, null, false))).containsExactlyElementsOf(expectedStream).isNotEmpty();
        }
        List<String> calls = gcs.calls().subList(before, gcs.calls().size());
        System.out.println(table + ": " + calls.size() + " calls\n  " + String.join("\n  ", calls));
        assertThat(calls).as("the JSON API calls the connector made").isNotEmpty()
                .allMatch(c -> c.startsWith("GET /storage/v1/b/" + BUCKET) || c.startsWith("GET /download/storage/v1/b/" + BUCKET)
                        || c.startsWith("POST /token"));
    }

    @Test
    void wrongKeyIsOneLineWithoutTheKey() throws Exception {
        Path wrong = gcs.wrongServiceAccountKey(tmp, "intruder");
        String location = "gs://" + BUCKET + "/tables/simple-table";
        DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> {
            try (LogStorage storage = LogStorages.forLocation(location, settings(wrong));
                 DeltaLog log = DeltaLog.open(location, storage)) {
                log.latestSnapshot();
            }
        });
        assertThat(e).as("a wrong key must fail").isNotNull();
        assertThat(e.getMessage().replace(wrong.toString(), "")).hasSizeLessThanOrEqualTo(200);
        assertThat(e.getMessage()).doesNotContain("\n").contains("access denied", location, "invalid_grant", "key file " + wrong,
                "check the service-account key");
        String privateKey = java.nio.file.Files.readString(wrong).replaceAll("(?s).*BEGIN PRIVATE KEY-----\\\\n(.{40}).*", "$1");
        assertThat(privateKey).hasSize(40);
        assertThat(stackText(e)).doesNotContain(privateKey, gcs.issuedToken());
    }

    @Test
    void missingBucketIsOneLine() {
        String location = "gs://no-such-bucket/tables/simple-table";
        DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> {
            try (LogStorage storage = LogStorages.forLocation(location, settings(keyFile));
                 DeltaLog log = DeltaLog.open(location, storage)) {
                log.latestSnapshot();
            }
        });
        assertOneLine(e, "no such bucket 'no-such-bucket'", location, "check the bucket name");
    }

    @Test
    void missingTableIsNotATable() {
        String location = "gs://" + BUCKET + "/tables/no-such-table";
        DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> {
            try (LogStorage storage = LogStorages.forLocation(location, settings(keyFile));
                 DeltaLog log = DeltaLog.open(location, storage)) {
                log.latestSnapshot();
            }
        });
        assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.NOT_A_TABLE);
        assertThat(e.getMessage()).doesNotContain("\n").contains(location);
    }

    @Test
    void anEndpointThatIsGoneFailsWithinTheRetryBound() throws Exception {
        FakeGcsServer gone = new FakeGcsServer(tmp.resolve("gone"));
        Path key = gone.newServiceAccountKey(tmp, "gone");
        String url = gone.rootUrl();
        gone.close();
        StorageSettings s = StorageSettings.of(Map.of(StorageSettings.GCS_ENDPOINT, url,
                StorageSettings.GCS_KEYFILE, key.toString(), StorageSettings.RETRY_TIMEOUT, "2s"));
        String location = "gs://" + BUCKET + "/tables/simple-table";
        List<String> retries = new ArrayList<>();
        long start = System.nanoTime();
        DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> {
            try (LogStorage storage = LogStorages.forLocation(location, s, new StorageRetryListener() {
                @Override
                public void retrying(String what, java.time.Duration retried, java.time.Duration limit) {
                    retries.add(what);
                }
            }); DeltaLog log = DeltaLog.open(location, storage)) {
                log.latestSnapshot();
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        assertOneLine(e, location, "connection refused", "check that the endpoint is up");
        assertThat(retries).allMatch(r -> r.contains("connection refused"));
        // The bound, or one attempt when that alone is longer: google-auth retries a token request
        // itself for ~7 s (1 + 2 + 4 s) and no connector setting reaches it.
        assertThat(seconds).as("failed after %.1f s", seconds).isLessThan(2.0 + 8.0);
    }

    private static void assertOneLine(DeltaLogException e, String... parts) {
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.IO);
        assertThat(e.getMessage()).doesNotContain("\n").contains(parts);
        assertThat(e.getMessage().length()).as(e.getMessage()).isLessThanOrEqualTo(200);
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static List<String> stream(DeltaLog log, VersionPlan plan) {
        List<String> out = new ArrayList<>();
        try (CloseableIterator<VersionBatch> it = log.versions(plan)) {
            while (it.hasNext()) {
                VersionBatch b = it.next();
                out.add("v" + b.version() + " " + b.origin() + " " + b.actionCount());
                try (CloseableIterator<Action> actions = b.actions().open()) {
                    while (actions.hasNext()) {
                        out.add(ActionCodec.toJson(actions.next()));
                    }
                }
            }
        }
        return out;
    }
}
