package io.deltasql.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.storage.LogStorages;
import io.deltasql.storage.testing.S3ProxyServer;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source connector tails a table on S3 (s3proxy on loopback, real S3 HTTP with signature
 * checks) and the sink mirrors it into PostgreSQL: the initial sync, then two commits uploaded
 * later. The S3 secret reaches the connector through Connect's FileConfigProvider, so the REST API
 * (config, tasks, status) only ever shows the {@code ${file:…}} reference.
 */
class S3SourceIT {
    private static final String BUCKET = "lake";
    private static final String TABLE = "simple-table";
    private static final String LOCATION = "s3://" + BUCKET + "/tables/" + TABLE;

    @TempDir
    static Path tmp;
    static S3ProxyServer s3;
    static ConnectFixture it;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        Path log = SharedTables.root().resolve(TABLE).resolve("_delta_log");
        s3.upload(log, BUCKET, "tables/" + TABLE + "/_delta_log");
        // Secrets come from a file the worker reads, never from the connector config itself.
        it = ConnectFixture.start("deltasql-s3-it", Map.of("config.providers", "file",
                "config.providers.file.class", FileConfigProvider.class.getName()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (it != null) {
            it.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void sourceTailsAnS3TableAndTheSecretStaysOutOfTheRestApi() throws Exception {
        Path secrets = tmp.resolve("s3.properties");
        Files.writeString(secrets, "secret=" + S3ProxyServer.SECRET_KEY + "\n", StandardCharsets.UTF_8);
        String secretRef = "${file:" + secrets.toAbsolutePath() + ":secret}";

        Map<String, String> storage = Map.of("storage.s3.endpoint", s3.endpoint(), "storage.s3.path-style", "true",
                "storage.s3.region", "us-east-1", "storage.s3.access-key", S3ProxyServer.ACCESS_KEY,
                "storage.s3.secret-key", secretRef);
        it.startSource("src-s3", "s3", "s3_simple=" + LOCATION, storage);
        it.startSink("sink-s3", "s3", Map.of());

        // Initial sync: PostgreSQL reaches the latest version on S3.
        it.awaitHead("s3_simple", 4);
        assertMirrorsS3("s3_simple", 4);

        // Two commits uploaded later (as a writer would PUT them) arrive without restarting anything.
        s3.put(BUCKET, "tables/" + TABLE + "/_delta_log/" + String.format("%020d.json", 5), commit(5, 3));
        s3.put(BUCKET, "tables/" + TABLE + "/_delta_log/" + String.format("%020d.json", 6), commit(6, 2));
        it.awaitHead("s3_simple", 6);
        assertMirrorsS3("s3_simple", 6);
        List<Long> versions = it.history("s3_simple");
        assertThat(versions).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);

        // What the REST API shows: the ${file:…} reference, never the secret it resolves to.
        for (String resource : List.of("connectors/src-s3", "connectors/src-s3/config", "connectors/src-s3/tasks",
                "connectors/src-s3/status", "connectors?expand=info&expand=status")) {
            String body = get(resource);
            assertThat(body).as(resource).doesNotContain(S3ProxyServer.SECRET_KEY);
        }
        assertThat(get("connectors/src-s3/config")).contains(secretRef.replace("\\", "\\\\"));
        assertThat(it.connect.connectorInfo("src-s3").config()).containsEntry("storage.s3.secret-key", secretRef);
        assertThat(it.connect.taskConfigs("src-s3").toString()).doesNotContain(S3ProxyServer.SECRET_KEY);

        it.delete("src-s3", "sink-s3");
    }

    /** A blind append of {@code adds} new files, like {@link SharedTables#appendCommit} but as bytes for S3. */
    private static byte[] commit(long version, int adds) {
        long now = System.currentTimeMillis();
        StringBuilder sb = new StringBuilder();
        sb.append("{\"commitInfo\":{\"timestamp\":").append(now)
                .append(",\"operation\":\"WRITE\",\"operationParameters\":{\"mode\":\"Append\"},\"isBlindAppend\":true}}\n");
        for (int i = 0; i < adds; i++) {
            sb.append("{\"add\":{\"path\":\"s3-it-v").append(version).append("-").append(i)
                    .append(".parquet\",\"partitionValues\":{},\"size\":").append(2000 + i)
                    .append(",\"modificationTime\":").append(now).append(",\"dataChange\":true}}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** PostgreSQL holds what delta-log replays from the same S3 location: version, files, sizes, schema, protocol. */
    private static void assertMirrorsS3(String name, long version) throws Exception {
        Snapshot expected;
        try (LogStorage storage = LogStorages.forLocation(LOCATION, s3.settings());
             DeltaLog log = DeltaLog.open(LOCATION, storage)) {
            expected = log.latestSnapshot();
        }
        assertThat(expected.version()).isEqualTo(version);
        assertThat(expected.files()).isNotEmpty();
        it.assertMirrors(name, expected);
    }

    private static String get(String resource) {
        Response r = it.connect.requestGet(it.connect.endpointForResource(resource));
        assertThat(r.getStatus()).as(resource).isEqualTo(200);
        return String.valueOf(r.getEntity()); // the test client builds the Response with the body as a String entity
    }
}
