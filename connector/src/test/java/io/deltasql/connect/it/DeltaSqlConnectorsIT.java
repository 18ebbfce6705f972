package io.deltasql.connect.it;

import static io.deltasql.connect.it.ConnectFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.connect.sink.DeltaSqlSinkConnector;
import io.deltasql.connect.source.DeltaLogSourceConnector;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.reader.DeltaSqlTable;
import io.deltasql.reader.DeltaSqlTables;
import io.deltasql.reader.KernelRows;
import io.deltasql.reader.TableSnapshot;
import io.deltasql.reader.engine.SqlLogEngine;
import io.deltasql.storage.LogStorages;
import io.deltasql.storage.StorageSettings;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.Stores;
import io.deltasql.store.read.VersionInfo;
import io.deltasql.synth.SyntheticTable;
import io.deltasql.synth.SyntheticTableWriter;
import io.deltasql.testing.PgDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both connectors on a real KRaft broker and Connect worker (in-JVM) against the real PostgreSQL:
 * one cluster and one database for the whole class, each test with its own tables, topics and
 * connectors. The worker runs with exactly-once source support enabled, so every source producer
 * is transactional; connectors pick their transaction boundary.
 */
class DeltaSqlConnectorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tables;
    static ConnectFixture it;
    static EmbeddedConnectCluster connect;
    static MetadataStore store;

    @BeforeAll
    static void startCluster() throws Exception {
        it = ConnectFixture.start("deltasql-it", Map.of());
        connect = it.connect;
        store = it.store;
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (it != null) {
            it.close();
        }
    }

    // ---------------------------------------------------------------------------------------- (a)

    @Test
    void sourceAndSinkMirrorSeveralTablesAndFollowNewCommits() throws Exception {
        Path simple = SharedTables.copy("simple-table", tables.resolve("a"));
        Path cdf = SharedTables.copy("cdf-table", tables.resolve("a"));
        Path restore = SharedTables.copy("basic-with-inserts-overwrite-restore", tables.resolve("a"));
        String tableList = "a_simple=" + uri(simple) + ",a_cdf=" + uri(cdf) + ",a_restore=" + uri(restore);
        // The shipped configs (config/*.json): schemaless JSON, big lz4 producer batches, big consumer polls.
        it.startSource("src-a", "a", tableList, Map.of("tasks.max", "2"));
        it.startSink("sink-a", "a", Map.of());

        it.awaitHead("a_simple", 4);
        it.awaitHead("a_cdf", 3);
        it.awaitHead("a_restore", 3);
        it.assertMirrors("a_simple", simple);
        it.assertMirrors("a_cdf", cdf);
        it.assertMirrors("a_restore", restore);
        // After the switch: an application keeps the table open through deltasql and reads what Kernel
        // reads from the table's own log (docs/reading.md).
        DeltaSqlTable reader = DeltaSqlTables.open(Stores.parse(it.db.uri("public", "a_simple"), PgDatabase.env(), null),
                StorageSettings.empty());
        TableSnapshot before = reader.latest();
        assertThat(before.version()).isEqualTo(4);
        assertThat(KernelRows.scanFiles(before.engine(), before.scanBuilder().build())).isEqualTo(KernelRows.ownScanFiles(simple, 4));

        // New commits appear without restarting anything.
        long written = System.currentTimeMillis();
        SharedTables.appendCommit(simple, 5, 3);
        SharedTables.appendCommit(cdf, 4, 2);
        it.awaitHead("a_simple", 5);
        // ... and the open reader follows the sink: version 5 replayed on what it kept of version 4.
        try (reader) {
            TableSnapshot after = reader.latest();
            assertThat(after.version()).isEqualTo(5);
            assertThat(((SqlLogEngine) after.engine()).log().checkpoint().version()).isEqualTo(4);
            assertThat(KernelRows.scanFiles(after.engine(), after.scanBuilder().build()))
                    .hasSize(KernelRows.ownScanFiles(simple, 4).size() + 3).isEqualTo(KernelRows.ownScanFiles(simple, 5));
        }
        long lagSimple = System.currentTimeMillis() - written;
        it.awaitHead("a_cdf", 4);
        long lagBoth = System.currentTimeMillis() - written;
        System.out.println("LAG commit file -> PostgreSQL head (poll.interval.ms=200): a_simple " + lagSimple
                + " ms, both tables " + lagBoth + " ms");
        it.assertMirrors("a_simple", simple);
        it.assertMirrors("a_cdf", cdf);

        // Source and sink metrics are registered per table and say where they stand.
        assertThat(ConnectFixture.mbean("source-task", "src-a-0", "a_simple", "LastVersionRead", "src-a-1"))
                .isEqualTo(5L);
        // The sink's metrics move when the writer's background commit has run, just after the head is visible.
        it.awaitTrue("sink metrics at version 5", () ->
                Long.valueOf(5L).equals(ConnectFixture.mbean("sink-task", "sink-a-0", "a_simple", "LastVersionApplied", null)));
        assertThat((Long) ConnectFixture.mbean("sink-task", "sink-a-0", "a_cdf", "ActionsApplied", null)).isPositive();

        connect.deleteConnector("src-a");
        connect.deleteConnector("sink-a");
        it.awaitTrue("source metrics unregistered after the connector is deleted", () ->
                !ConnectFixture.registered("source-task", "src-a-0", "a_simple") && !ConnectFixture.registered("source-task", "src-a-1", "a_simple"));
    }

    // ---------------------------------------------------------------------------------------- (b)

    @Test
    void exactlyOnceSourceCommitsOneKafkaTransactionPerDeltaVersion() throws Exception {
        Path t = SharedTables.copy("cdf-table", tables.resolve("b"));
        List<Long> counts = actionCounts(t);
        long total = counts.stream().mapToLong(Long::longValue).sum();
        it.startSource("src-b", "b", "b_cdf=" + uri(t),
                Map.of("exactly.once.support", "required", "transaction.boundary", "connector",
                        "max.records.per.poll", "3"));
        TopicPartition tp = new TopicPartition("b.b_cdf", 0);
        // All versions, each followed by its commit marker.
        it.awaitTrue("all versions in the topic", () -> it.endOffset(tp) >= total + counts.size());
        Map<String, Object> readCommitted = Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConsumerRecords<byte[], byte[]> records = connect.kafka().consumeAll(ConnectFixture.TIMEOUT.toMillis(), readCommitted, null, "b.b_cdf");
        assertThat(records.count()).isEqualTo((int) total);
        assertThat(it.endOffset(tp)).as("one transaction marker per version, although versions span polls of 3")
                .isEqualTo(total + counts.size());
        assertEveryVersionCompleteAndOrdered(records, counts);
        // The committed source offset is the last action of the last version.
        Map<String, Object> offset = sourceOffset("src-b", uri(t));
        assertThat(((Number) offset.get("version")).longValue()).isEqualTo(counts.size() - 1);
        assertThat(((Number) offset.get("index")).longValue()).isEqualTo(counts.get(counts.size() - 1) - 1);
        assertThat(offset).containsEntry("complete", true).containsEntry("protocol", 1);
        connect.deleteConnector("src-b");
    }

    // ---------------------------------------------------------------------------------------- (c)

    @Test
    void redeliveredVersionsAreSkippedSoPostgresHasNoDuplicates() throws Exception {
        Path t = SharedTables.copy("simple-table", tables.resolve("c"));
        it.startSource("src-c", "c", "c_simple=" + uri(t), Map.of());
        it.startSink("sink-c", "c", Map.of());
        it.awaitHead("c_simple", 4);
        long before = it.endOffset(new TopicPartition("c.c_simple", 0));

        // Rewind the source to the very beginning (KIP-875 reset): every version is sent again.
        it.stop("src-c");
        connect.resetConnectorOffsets("src-c");
        connect.resumeConnector("src-c");
        it.awaitTrue("every version sent twice", () -> it.endOffset(new TopicPartition("c.c_simple", 0)) >= 2 * before);
        it.awaitTrue("the sink skipped the 5 re-sent versions",
                () -> ((Long) ConnectFixture.mbean("sink-task", "sink-c-0", "c_simple", "VersionsSkipped", null)) >= 5);

        RegisteredTable table = store.find("c_simple").orElseThrow();
        List<Long> versions = store.queries().history(table).stream().map(VersionInfo::version).toList();
        assertThat(versions).containsExactly(0L, 1L, 2L, 3L, 4L);
        it.assertMirrors("c_simple", t);

        // Moving the source offset back by hand to "version 2 done" re-sends 3 and 4 only, also skipped.
        it.stop("src-c");
        connect.alterSourceConnectorOffset("src-c", Map.of("table", uri(t)), Map.of("protocol", 1, "version", 2));
        connect.resumeConnector("src-c");
        SharedTables.appendCommit(t, 5, 1);
        it.awaitHead("c_simple", 5);
        assertThat(store.queries().history(store.find("c_simple").orElseThrow()).stream().map(VersionInfo::version))
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        connect.deleteConnector("src-c");
        connect.deleteConnector("sink-c");
    }

    // ---------------------------------------------------------------------------------------- (d)

    @Test
    void restartsMidVersionPauseAndResumeInsideAVersion() throws Exception {
        Path t = SharedTables.copy("basic-with-inserts-overwrite-restore", tables.resolve("d"));
        TopicPartition tp = new TopicPartition("d.d_restore", 0);
        // Small polls and small consumer batches: versions span several polls and several put() calls.
        it.startSource("src-d", "d", "d_restore=" + uri(t), Map.of("max.records.per.poll", "2"));
        it.startSink("sink-d", "d", Map.of("consumer.override.max.poll.records", "3"));
        for (int i = 0; i < 3; i++) {
            connect.restartTask("sink-d", 0); // rolls back the open PostgreSQL transaction
            connect.restartTask("src-d", 0);
            Thread.sleep(300);
        }
        it.awaitHead("d_restore", 3);
        it.assertMirrors("d_restore", t);

        // Paused: a new commit does not flow. Resumed: it does. The sign that the paused source had its chance
        // is positive: a witness source on the same table (another prefix, not read by sink-d), running, has
        // sent version 4 and then listed the log and found it idle; by then the paused source has sent nothing.
        connect.pauseConnector("src-d");
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused("src-d", 1, "source paused");
        long endBefore = it.endOffset(tp);
        SharedTables.appendCommit(t, 4, 5);
        it.startSource("src-d-witness", "dw", "d_restore=" + uri(t), Map.of());
        it.awaitTrue("the witness sent version 4 and then found the log idle", () ->
                Long.valueOf(4).equals(ConnectFixture.mbean("source-task", "src-d-witness-0", "d_restore", "LastVersionRead", null))
                        && (Long) ConnectFixture.mbean("source-task", "src-d-witness-0", "d_restore", "IdleListings", null) > 0);
        assertThat(it.endOffset(tp)).as("nothing produced while paused").isEqualTo(endBefore);
        assertThat(store.find("d_restore").orElseThrow().headVersion()).isEqualTo(3);
        connect.deleteConnector("src-d-witness");
        connect.resumeConnector("src-d");
        it.awaitHead("d_restore", 4);
        it.assertMirrors("d_restore", t);

        // Resume inside a version: offset "action 0 of version 4 sent" → the source sends actions 1..5 of it.
        it.stop("src-d");
        long endStopped = it.endOffset(tp);
        connect.alterSourceConnectorOffset("src-d", Map.of("table", uri(t)),
                Map.of("protocol", 1, "version", 4, "index", 0, "complete", false));
        connect.resumeConnector("src-d");
        it.awaitTrue("5 re-sent actions", () -> countData(tp, endStopped) >= 5);
        List<JsonNode> resent = values(tp, endStopped);
        assertThat(resent).extracting(v -> v.get("version").asLong()).containsOnly(4L);
        assertThat(resent).extracting(v -> v.get("index").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store.queries().history(store.find("d_restore").orElseThrow())).hasSize(5);
        connect.deleteConnector("src-d");
        connect.deleteConnector("sink-d");
    }

    // ---------------------------------------------------------------------------------------- (g)

    @Test
    void aWorkerStoppedMidStreamHandsItsTasksOverWithNothingLostOrDoubled() throws Exception {
        Path t = tables.resolve("g").resolve("synthetic");
        SyntheticTable written = SyntheticTableWriter.builder().versions(60).actionsPerVersion(80).seed(11).build().write(t);
        WorkerHandle first = connect.workers().iterator().next();
        WorkerHandle second = connect.addWorker();
        it.startSource("src-g", "g", "g_synth=" + uri(t), Map.of("max.records.per.poll", "40"));
        it.startSink("sink-g", "g", Map.of("consumer.override.max.poll.records", "50"));
        it.awaitTrue("a few versions in PostgreSQL", () -> store.find("g_synth").map(x -> x.headVersion() >= 3).orElse(false));
        long headAtStop = store.find("g_synth").orElseThrow().headVersion();
        // Stop whichever worker runs the tasks — in the middle of the stream, a version likely half sent.
        boolean sinkMoves = connect.connectorStatus("sink-g").tasks().get(0).workerId().endsWith(":" + first.url().getPort());
        long stopped = System.nanoTime();
        connect.removeWorker(first);
        assertThat(connect.workers()).containsExactly(second);
        it.awaitTrue("PostgreSQL moves again after the worker stopped", () ->
                store.find("g_synth").orElseThrow().headVersion() > headAtStop);
        System.out.printf("RECOVERY embedded cluster, 2 workers: one stopped (worker.stop(), its consumers leave their groups;"
                + " the sink task %s on it), PostgreSQL moved %d ms later (scheduled.rebalance.max.delay.ms as shipped; "
                + "load average %s)%n", sinkMoves ? "was" : "was not", (System.nanoTime() - stopped) / 1_000_000, loadAverage());
        it.awaitHead("g_synth", written.lastVersion());
        assertThat(headAtStop).as("stopped mid-stream").isLessThan(written.lastVersion());
        assertThat(it.history("g_synth")).as("every version once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(0, written.lastVersion()).boxed().toList());
        it.assertMirrors("g_synth", t);
        // The remaining worker forwards REST writes to the leader; until the group has elected it anew
        // (the old leader is gone) a forwarded request is refused: retry until it lands.
        for (String c : List.of("src-g", "sink-g")) {
            it.awaitTrue(c + " deleted through the remaining worker", () -> {
                connect.deleteConnector(c); // throws while the forward is refused; awaitTrue retries
                return true;
            });
        }
    }

    // ---------------------------------------------------------------------------------------- (f)

    @Test
    void checkpointStartWithLargeVersionsStreamedOverManyPolls() throws Exception {
        Path t = tables.resolve("f").resolve("synthetic");
        SyntheticTableWriter writer = SyntheticTableWriter.builder().versions(12).actionsPerVersion(400)
                .checkpointInterval(5).seed(7).build();
        SyntheticTable written = writer.write(t);
        assertThat(written.checkpointVersions()).contains(10L);
        it.startSource("src-f", "f", "f_synth=" + uri(t), Map.of("start.mode", "checkpoint", "max.records.per.poll", "50",
                "exactly.once.support", "required", "transaction.boundary", "connector"));
        it.startSink("sink-f", "f", Map.of("consumer.override.max.poll.records", "120", "commit.max.actions", "500"));
        it.awaitHead("f_synth", written.lastVersion());
        it.assertMirrors("f_synth", t);
        List<VersionInfo> history = store.queries().history(store.find("f_synth").orElseThrow());
        assertThat(history.get(0).version()).as("starts at the newest checkpoint").isEqualTo(10L);
        assertThat(history.get(0).origin()).isEqualTo(io.deltasql.log.Origin.CHECKPOINT);
        assertThat(history).extracting(VersionInfo::version).containsExactly(10L, 11L);

        // Appended while paused (the generator writes files in place), picked up after resume.
        connect.pauseConnector("src-f");
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused("src-f", 1, "source paused");
        SyntheticTable more = writer.append(t);
        connect.resumeConnector("src-f");
        it.awaitHead("f_synth", more.lastVersion());
        it.assertMirrors("f_synth", t);
        assertThat(store.queries().history(store.find("f_synth").orElseThrow())).hasSize(2 + 12);
        connect.deleteConnector("src-f");
        connect.deleteConnector("sink-f");
    }

    // ---------------------------------------------------------------------------------------- (h)

    @Test
    void aSinkCreatedBeforeTheSourceAndATableAddedLaterReachPostgresWithTheShippedSettings() throws Exception {
        // The sink's consumer subscribes to h\..* while no such topic exists: it finds the source's topic at
        // its next metadata refresh (the shipped consumer.override.metadata.max.age.ms), not after Kafka's
        // default five minutes; each wait below would time out long before those five minutes.
        Path simple = SharedTables.copy("simple-table", tables.resolve("h"));
        it.startSink("sink-h", "h", Map.of());
        long t0 = System.nanoTime();
        it.startSource("src-h", "h", "h_simple=" + uri(simple), Map.of());
        it.awaitHead("h_simple", 4);
        long sinkFirstMs = (System.nanoTime() - t0) / 1_000_000;

        // A table added to the running source: a topic the running sink has never seen.
        Path cdf = SharedTables.copy("cdf-table", tables.resolve("h"));
        long t1 = System.nanoTime();
        connect.configureConnector("src-h", ConnectFixture.sourceConfig("h",
                "h_simple=" + uri(simple) + ",h_cdf=" + uri(cdf), Map.of()));
        it.awaitHead("h_cdf", 3);
        long addedMs = (System.nanoTime() - t1) / 1_000_000;
        System.out.printf("STALL sink first: source created -> head in PostgreSQL %d ms; table added to the running "
                + "source -> head in PostgreSQL %d ms (load average %s)%n", sinkFirstMs, addedMs, loadAverage());
        it.assertMirrors("h_simple", simple);
        it.assertMirrors("h_cdf", cdf);
        connect.deleteConnector("src-h");
        connect.deleteConnector("sink-h");
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    // ---------------------------------------------------------------------------------------- (e)

    @Test
    void restValidateReportsOneMessagePerBadKey() {
        Map<String, String> source = new HashMap<>();
        source.put("name", "validate-source");
        source.put("connector.class", DeltaLogSourceConnector.class.getName());
        source.put("delta.tables", "orders");
        source.put("poll.interval.ms", "5");
        source.put("start.mode", "latest");
        source.put("up.to.version", "-1");
        ConfigInfos s = connect.validateConnectorConfig(DeltaLogSourceConnector.class.getSimpleName(), source);
        Map<String, List<String>> sourceErrors = errors(s);
        assertThat(sourceErrors).containsOnlyKeys("delta.tables", "poll.interval.ms", "start.mode", "up.to.version");
        sourceErrors.values().forEach(m -> assertThat(m).hasSize(1));
        assertThat(s.errorCount()).isEqualTo(4);

        Map<String, String> sink = new HashMap<>();
        sink.put("name", "validate-sink");
        sink.put("connector.class", DeltaSqlSinkConnector.class.getName());
        sink.put("topics", "x");
        sink.put("target", "postgresql://u:VERYSECRET@h/db");
        sink.put("commit.max.actions", "0");
        ConfigInfos k = connect.validateConnectorConfig(DeltaSqlSinkConnector.class.getSimpleName(), sink);
        Map<String, List<String>> sinkErrors = errors(k);
        assertThat(sinkErrors).containsOnlyKeys("target", "commit.max.actions");
        assertThat(sinkErrors.get("target")).singleElement().asString().contains("deltasql://postgres/");
        assertThat(JSON.valueToTree(k).toString()).doesNotContain("VERYSECRET");

        // topics/topics.regex belong to Connect: reported once, by the worker, not a second time by the connector.
        sink.remove("topics");
        sink.put("target", it.db.uri());
        sink.put("commit.max.actions", "10");
        ConfigInfos noTopics = connect.validateConnectorConfig(DeltaSqlSinkConnector.class.getSimpleName(), sink);
        List<String> topicErrors = noTopics.configs().stream()
                .filter(i -> i.configValue().name().equals("topics") || i.configValue().name().equals("topics.regex"))
                .flatMap(i -> i.configValue().errors().stream()).toList();
        assertThat(noTopics.configs().stream().filter(i -> i.configValue().name().equals("topics"))).hasSize(1);
        assertThat(topicErrors).isNotEmpty();
        assertThat(errors(noTopics)).doesNotContainKey("target"); // the connection test passed
    }

    // ---------------------------------------------------------------------------------------- helpers

    private static List<Long> actionCounts(Path table) {
        List<Long> counts = new ArrayList<>();
        try (DeltaLog log = LogStorages.openLog(uri(table));
             CloseableIterator<VersionBatch> versions = log.versions(log.plan(0, null, false))) {
            versions.forEachRemaining(b -> counts.add(b.actionCount()));
        }
        return counts;
    }

    private static void assertEveryVersionCompleteAndOrdered(ConsumerRecords<byte[], byte[]> records, List<Long> counts)
            throws Exception {
        long version = 0;
        long index = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode v = payload(JSON.readTree(r.value()));
            assertThat(v.get("version").asLong()).isEqualTo(version);
            assertThat(v.get("index").asLong()).isEqualTo(index);
            assertThat(v.get("count").asLong()).isEqualTo(counts.get((int) version));
            index++;
            if (index == counts.get((int) version)) {
                version++;
                index = 0;
            }
        }
        assertThat(version).isEqualTo(counts.size());
    }

    /** The record's value: the shipped configs write schemaless JSON, a test's own source may write envelopes. */
    private static JsonNode payload(JsonNode value) {
        return value.has("payload") && value.has("schema") ? value.get("payload") : value;
    }

    private static long countData(TopicPartition tp, long from) {
        return values(tp, from).size();
    }

    /** Record values (payloads) at or after {@code from}, read_committed. */
    private static List<JsonNode> values(TopicPartition tp, long from) {
        List<JsonNode> out = new ArrayList<>();
        try {
            ConsumerRecords<byte[], byte[]> all = connect.kafka().consumeAll(10_000,
                    Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), null, tp.topic());
            for (ConsumerRecord<byte[], byte[]> r : all) {
                if (r.offset() >= from) {
                    out.add(payload(JSON.readTree(r.value())));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sourceOffset(String connector, String location) {
        return connect.connectorOffsets(connector).offsets().stream()
                .filter(o -> location.equals(o.partition().get("table")))
                .map(o -> (Map<String, Object>) o.offset())
                .findFirst().orElseThrow();
    }

    private static Map<String, List<String>> errors(ConfigInfos infos) {
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigInfo info : infos.configs()) {
            if (!info.configValue().errors().isEmpty()) {
                out.put(info.configValue().name(), info.configValue().errors());
            }
        }
        return out;
    }
}
