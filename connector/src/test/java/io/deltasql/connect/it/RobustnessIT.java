package io.deltasql.connect.it;

import static io.deltasql.connect.it.ConnectFixture.uri;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.connect.record.VersionRecord;
import io.deltasql.connect.record.VersionRecordCodec;
import io.deltasql.connect.sink.SampleVersions;
import io.deltasql.log.Origin;
import io.deltasql.synth.SyntheticTable;
import io.deltasql.synth.SyntheticTableWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong in production, on the real broker, worker and PostgreSQL: the sink's connections
 * killed mid-stream, an action larger than Kafka's 1 MiB defaults, and records that are not what
 * the sink expects (the dead letter queue).
 */
class RobustnessIT {
    @TempDir
    static Path tables;
    static ConnectFixture it;

    @BeforeAll
    static void startCluster() throws Exception {
        it = ConnectFixture.start("deltasql-robust-it", Map.of());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (it != null) {
            it.close();
        }
    }

    // ---------------------------------------------------------------------------------------- (a)

    @Test
    void sinkSurvivesItsPostgresConnectionsKilledMidStream() throws Exception {
        Path t = tables.resolve("a").resolve("synthetic");
        SyntheticTable written = SyntheticTableWriter.builder().versions(120).actionsPerVersion(40)
                .checkpointInterval(0).seed(5).build().write(t);
        it.startSource("src-a", "ra", "ra_synth=" + uri(t), Map.of("max.records.per.poll", "100"));
        // Small batches: versions span put() calls, so a kill often lands inside one.
        it.startSink("sink-a", "ra", Map.of("consumer.override.max.poll.records", "30"));
        it.awaitHead("ra_synth", 10);

        // Every connection of the sink — its store and its writer — as a server restart would.
        assertThat(terminate("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'deltasql-sink'")).as("sink sessions terminated").isGreaterThanOrEqualTo(2);
        long next = written.lastVersion() + 1;
        for (int i = 0; i < 10; i++) {
            SharedTables.appendCommit(t, next++, 25); // the log keeps growing while the sink recovers
        }
        it.awaitHead("ra_synth", 60);

        // Only the writer's session: the one holding the table's lock, inside a version or between two.
        it.awaitTrue("the sink's writer session terminated", () -> terminateQuietly("SELECT l.pid FROM pg_locks l "
                + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                + "AND a.datname = current_database() AND a.application_name = 'deltasql-sink'") == 1);
        for (int i = 0; i < 10; i++) {
            SharedTables.appendCommit(t, next++, 25);
        }
        long last = next - 1;
        it.awaitHead("ra_synth", last);

        assertThat(it.taskState("sink-a")).isEqualTo("RUNNING");
        assertThat((Long) ConnectFixture.mbean("sink-task", "sink-a-0", "ra_synth", "Errors", null))
                .as("each kill was noticed, and survived").isGreaterThanOrEqualTo(2);
        assertThat((String) ConnectFixture.mbean("sink-task", "sink-a-0", "ra_synth", "LastError", null))
                .contains("connection");
        assertThat(it.history("ra_synth")).as("every version once, no gap")
                .containsExactlyElementsOf(LongStream.rangeClosed(0, last).boxed().toList());
        it.assertMirrors("ra_synth", t);
        it.delete("src-a", "sink-a");
    }

    /** Terminates the backends the query selects (their pid first column); returns how many. */
    private static int terminate(String pids) throws SQLException {
        int n = 0;
        try (Connection c = it.db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM (" + pids + ") p")) {
            while (rs.next()) {
                n += rs.getBoolean(1) ? 1 : 0;
            }
        }
        return n;
    }

    private static int terminateQuietly(String pids) {
        try {
            return terminate(pids);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------- (b)

    @Test
    void aOneMegabyteActionIsNamedThenGoesThroughOnceTheLimitIsRaised() throws Exception {
        String schema = wideSchema(15_000); // ~1 MB, ~1.5 MB as a JSON record
        assertThat(schema.length()).isGreaterThan(1_000_000);
        Path wide = SharedTables.copy("simple-table", tables.resolve("b"));
        SharedTables.appendMetadata(wide, 5, schema);
        it.startSink("sink-b", "rb", Map.of()); // defaults: the consumer's fetch sizes are soft limits

        // The topic may take 4 MiB, the producer is left at its 1 MiB default: the source stops at the big
        // action, before the producer would, and says what to raise.
        Map<String, String> topicOnly = ConnectFixture.sourceConfig("rb", "rb_wide=" + uri(wide),
                Map.of("topic.creation.default.max.message.bytes", "4194304"));
        topicOnly.remove("producer.override.max.request.size"); // the shipped 8 MiB would let it through
        it.connect.configureConnector("src-b", topicOnly);
        it.awaitTrue("src-b failed", () -> it.taskState("src-b").equals("FAILED"));
        assertThat(it.taskTrace("src-b")).contains("table rb_wide: action 1 (metaData) of version 5 is about",
                "over the 1048576 bytes allowed by producer.override.max.request.size (not set: the producer's default)",
                "topic.creation.default.max.message.bytes");
        it.awaitHead("rb_wide", 4);
        assertThat(it.history("rb_wide")).as("the versions before it went through").containsExactly(0L, 1L, 2L, 3L, 4L);

        // Raised as docs/connector.md says: the config update restarts the task, which goes on from the action.
        Map<String, String> raised = new HashMap<>(topicOnly);
        raised.put("producer.override.max.request.size", "4194304");
        it.connect.configureConnector("src-b", raised);
        it.awaitHead("rb_wide", 5);
        it.assertMirrors("rb_wide", wide); // the 1 MB schemaString included
        assertThat(it.history("rb_wide")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        long largest = 0;
        for (ConsumerRecord<byte[], byte[]> r : it.connect.kafka().consumeAll(ConnectFixture.TIMEOUT.toMillis(), "rb.rb_wide")) {
            largest = Math.max(largest, r.serializedValueSize());
        }
        assertThat(largest).as("the metaData record is over Kafka's 1 MiB defaults").isGreaterThan(1_048_576);
        assertThat(it.taskState("src-b")).isEqualTo("RUNNING");
        it.delete("src-b", "sink-b");
    }

    private static String wideSchema(int columns) {
        StringBuilder s = new StringBuilder("{\"type\":\"struct\",\"fields\":[");
        for (int i = 0; i < columns; i++) {
            s.append(i == 0 ? "" : ",").append("{\"name\":\"column_").append(i)
                    .append("\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}");
        }
        return s.append("]}").toString();
    }

    // ---------------------------------------------------------------------------------------- (c)

    private static final List<String> V0 = SampleVersions.V0;
    private static final List<String> V1 = List.of(
            "{\"commitInfo\":{\"timestamp\":2,\"operation\":\"WRITE\"}}",
            "{\"add\":{\"path\":\"b\",\"partitionValues\":{},\"size\":2,\"modificationTime\":2,\"dataChange\":true}}");
    private static final List<String> V2 = List.of(
            "{\"commitInfo\":{\"timestamp\":3,\"operation\":\"WRITE\"}}",
            "{\"add\":{\"path\":\"c\",\"partitionValues\":{},\"size\":3,\"modificationTime\":3,\"dataChange\":true}}",
            "{\"add\":{\"path\":\"d\",\"partitionValues\":{},\"size\":4,\"modif", // not a Delta action: cut short
            "{\"add\":{\"path\":\"e\",\"partitionValues\":{},\"size\":5,\"modificationTime\":3,\"dataChange\":true}}");

    @Test
    void badRecordsGoToTheDeadLetterQueueAndNoVersionIsHalfApplied() throws Exception {
        String topic = "rc.rc_dlq";
        it.connect.kafka().createTopic(topic, 1);
        it.startSink("sink-c", "rc", Map.of("errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", "rc-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));

        // Offsets 0-2: version 0; 3: a JSON record that is not a deltasql record; 4: not JSON at all; 5-6: version 1.
        produceVersion(topic, 0, V0);
        it.connect.kafka().produce(topic, 0, null, "{\"schema\":{\"type\":\"string\"},\"payload\":\"hello\"}");
        it.connect.kafka().produce(topic, 0, null, "not json");
        produceVersion(topic, 1, V1);
        it.awaitHead("rc_dlq", 1);
        it.awaitTrue("two records in the DLQ", () -> dlqCount() >= 2);
        // Offset 4 fails in Connect's converter, before put() sees the batch: the order in the DLQ is not the topic's.
        assertThat(dlqOffsets()).as("reported, skipped, the task goes on").containsExactlyInAnyOrder(3L, 4L);
        assertThat(it.taskState("sink-c")).isEqualTo("RUNNING");

        // Offsets 7-10: version 2, whose action 2 (offset 9) is not a Delta action: it cannot be applied whole.
        produceVersion(topic, 2, V2);
        it.awaitTrue("sink-c failed", () -> it.taskState("sink-c").equals("FAILED"));
        assertThat(it.taskTrace("sink-c")).contains("table rc_dlq: action 2 of version 2 at rc.rc_dlq-0 offset 9 is not "
                + "a Delta action", "nothing of the version was applied");
        assertThat(dlqOffsets()).containsExactlyInAnyOrder(3L, 4L, 9L);
        assertThat(it.history("rc_dlq")).as("whole versions only").containsExactly(0L, 1L);
        assertThat(addedVersions("rc_dlq")).containsExactly(0L, 1L);
        it.delete("sink-c");
    }

    private static void produceVersion(String topic, long version, List<String> actions) {
        JsonConverter key = new JsonConverter();
        key.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter value = new JsonConverter();
        value.configure(Map.of("schemas.enable", "true"), false);
        for (int i = 0; i < actions.size(); i++) {
            VersionRecord r = new VersionRecord("rc_dlq", "file:///rc_dlq", version, i, actions.size(), Origin.COMMIT,
                    1000 + version, "x", actions.get(i));
            it.connect.kafka().produce(topic, 0,
                    new String(key.fromConnectData(topic, VersionRecordCodec.KEY_SCHEMA, VersionRecordCodec.key(r)),
                            StandardCharsets.UTF_8),
                    new String(value.fromConnectData(topic, VersionRecordCodec.VALUE_SCHEMA, VersionRecordCodec.value(r)),
                            StandardCharsets.UTF_8));
        }
    }

    private static int dlqCount() {
        try {
            return dlqOffsets().size();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The original offsets of the records in the dead letter queue (Connect's context headers). */
    private static List<Long> dlqOffsets() throws Exception {
        ConsumerRecords<byte[], byte[]> records = it.connect.kafka().consumeAll(ConnectFixture.TIMEOUT.toMillis(), "rc-dlq");
        List<Long> offsets = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Header h = r.headers().lastHeader("__connect.errors.offset");
            offsets.add(Long.parseLong(new String(h.value(), StandardCharsets.UTF_8)));
        }
        return offsets;
    }

    /** The distinct added_version of the table's rows in dl_add_files. */
    private static List<Long> addedVersions(String table) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = it.db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT f.added_version FROM dl_add_files f JOIN dl_tables t "
                     + "ON t.table_id = f.table_id WHERE t.name = '" + table + "' ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
