package io.deltasql.connect.it;

import io.deltasql.log.testing.S3ProxyServer;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.connect.sink.DeltaSqlSinkConnector;
import io.deltasql.connect.source.DeltaLogSourceConnector;
import io.deltasql.log.DeltaLog;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.log.storage.LogStorages;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.read.SqlSnapshot;
import io.deltasql.store.read.VersionInfo;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
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
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String BUCKET = "lake";
    private static final String TABLE = "simple-table";
    private static final String LOCATION = "s3://" + BUCKET + "/tables/" + TABLE;

    @TempDir
    static Path tmp;
    static S3ProxyServer s3;
    static EmbeddedConnectCluster connect;
    static TestDatabase db;
    static MetadataStore store;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        Path log = SharedTables.root().resolve(TABLE).resolve("_delta_log");
        s3.upload(log, BUCKET, "tables/" + TABLE + "/_delta_log");

        db = new TestDatabase();
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.put("offset.flush.interval.ms", "500");
        worker.put("exactly.once.source.support", "enabled");
        // Secrets come from a file the worker reads, never from the connector config itself.
        worker.put("config.providers", "file");
        worker.put("config.providers.file.class", FileConfigProvider.class.getName());
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("auto.create.topics.enable", "true");
        connect = new EmbeddedConnectCluster.Builder().name("deltasql-s3-it").numWorkers(1).numBrokers(1)
                .workerProps(worker).brokerProps(broker).build();
        connect.start();
        store = MetadataStore.connect(PgTarget.parse(db.targetUri(), Map.of(), null).withTable(null));
    }

    @AfterAll
    static void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (connect != null) {
            connect.stop();
        }
        if (db != null) {
            db.close();
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

        Map<String, String> source = new HashMap<>();
        source.put("connector.class", DeltaLogSourceConnector.class.getName());
        source.put("tasks.max", "1");
        source.put("delta.tables", "s3_simple=" + LOCATION);
        source.put("topic.prefix", "s3");
        source.put("poll.interval.ms", "200");
        source.put("storage.s3.endpoint", s3.endpoint());
        source.put("storage.s3.path-style", "true");
        source.put("storage.s3.region", "us-east-1");
        source.put("storage.s3.access-key", S3ProxyServer.ACCESS_KEY);
        source.put("storage.s3.secret-key", secretRef);
        source.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        source.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        source.put("topic.creation.default.replication.factor", "1");
        source.put("topic.creation.default.partitions", "1");
        connect.configureConnector("src-s3", source);
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("src-s3", 1, "src-s3 running");

        Map<String, String> sink = new HashMap<>();
        sink.put("connector.class", DeltaSqlSinkConnector.class.getName());
        sink.put("tasks.max", "1");
        sink.put("topics.regex", "s3\\..*");
        sink.put("target", db.targetUri());
        sink.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        sink.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        sink.put("consumer.override.metadata.max.age.ms", "500");
        sink.put("consumer.override.auto.offset.reset", "earliest");
        connect.configureConnector("sink-s3", sink);
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning("sink-s3", 1, "sink-s3 running");

        // Initial sync: PostgreSQL reaches the latest version on S3.
        awaitHead("s3_simple", 4);
        assertMirrorsS3("s3_simple", 4);

        // Two commits uploaded later (as a writer would PUT them) arrive without restarting anything.
        s3.put(BUCKET, "tables/" + TABLE + "/_delta_log/" + String.format("%020d.json", 5), commit(5, 3));
        s3.put(BUCKET, "tables/" + TABLE + "/_delta_log/" + String.format("%020d.json", 6), commit(6, 2));
        awaitHead("s3_simple", 6);
        assertMirrorsS3("s3_simple", 6);
        List<Long> versions = store.queries().history(store.find("s3_simple").orElseThrow()).stream()
                .map(VersionInfo::version).toList();
        assertThat(versions).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);

        // What the REST API shows: the ${file:…} reference, never the secret it resolves to.
        for (String resource : List.of("connectors/src-s3", "connectors/src-s3/config", "connectors/src-s3/tasks",
                "connectors/src-s3/status", "connectors?expand=info&expand=status")) {
            String body = get(resource);
            assertThat(body).as(resource).doesNotContain(S3ProxyServer.SECRET_KEY);
        }
        assertThat(get("connectors/src-s3/config")).contains(secretRef.replace("\\", "\\\\"));
        assertThat(connect.connectorInfo("src-s3").config()).containsEntry("storage.s3.secret-key", secretRef);
        assertThat(connect.taskConfigs("src-s3").toString()).doesNotContain(S3ProxyServer.SECRET_KEY);

        connect.deleteConnector("src-s3");
        connect.deleteConnector("sink-s3");
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
        SqlSnapshot actual = store.queries().latest(store.find(name).orElseThrow());
        assertThat(actual.version()).as(name + " version").isEqualTo(version);
        assertThat(actual.files()).extracting(f -> f.path() + "|" + f.dvId()).as(name + " live files")
                .containsExactlyElementsOf(expected.files().stream().map(f -> f.path() + "|" + f.dvId()).toList())
                .isNotEmpty();
        assertThat(actual.files()).extracting(AddFile::size).as(name + " sizes")
                .containsExactlyElementsOf(expected.files().stream().map(AddFile::size).toList());
        assertThat(actual.metadata().schemaString()).isEqualTo(expected.metadata().schemaString());
        assertThat(actual.protocol()).isEqualTo(expected.protocol());
    }

    private static String get(String resource) {
        Response r = connect.requestGet(connect.endpointForResource(resource));
        assertThat(r.getStatus()).as(resource).isEqualTo(200);
        return String.valueOf(r.getEntity()); // the test client builds the Response with the body as a String entity
    }

    private static void awaitHead(String table, long version) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            Optional<RegisteredTable> t = store.find(table);
            if (t.isPresent() && t.get().headVersion() >= version) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + table + " at version " + version + " in PostgreSQL; source status: "
                + get("connectors/src-s3/status"));
    }
}
