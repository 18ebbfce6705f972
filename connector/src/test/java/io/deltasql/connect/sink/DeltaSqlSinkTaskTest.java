package io.deltasql.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.connect.record.VersionRecord;
import io.deltasql.connect.record.VersionRecordCodec;
import io.deltasql.log.Origin;
import io.deltasql.log.action.Protocol;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.PgTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.read.VersionInfo;
import io.deltasql.testing.PgDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The task's answer to a lost PostgreSQL connection, step by step against the real server: which
 * offset it rewinds to, that the re-delivered batch is not applied on top of a half version, and
 * that permanent errors still stop it. (RobustnessIT does the same through a real worker.)
 */
class DeltaSqlSinkTaskTest {
    private static final String TOPIC = "p.t";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final List<String> V0 = SampleVersions.V0;
    private static final List<String> V1 = SampleVersions.V1;
    private static final List<String> V2 = List.of(
            "{\"remove\":{\"path\":\"a\",\"deletionTimestamp\":3,\"dataChange\":true}}");

    private static PgDatabase db;
    private static int tables;
    private String table;
    private DeltaSqlSinkTask task;
    private final Context context = new Context();

    /** What the worker would be told: rewinds and timeouts. */
    static final class Context implements SinkTaskContext {
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        long timeout = -1;

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
            this.offsets.putAll(offsets);
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
            offsets.put(tp, offset);
        }

        @Override
        public void timeout(long timeoutMs) {
            timeout = timeoutMs;
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(TP);
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }

    @BeforeAll
    static void createDatabase() throws Exception {
        db = PgDatabase.create("deltasql_connect_it");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        db.close();
    }

    @BeforeEach
    void newTable() {
        table = "t" + (++tables);
    }

    @AfterEach
    void stopTask() {
        if (task != null) {
            task.stop();
        }
    }

    private void start(String target) {
        task = new DeltaSqlSinkTask();
        task.initialize(context);
        task.start(Map.of("target", target, "name", "sink-test"));
    }

    private SinkRecord rec(long offset, long version, List<String> actions, int index) {
        VersionRecord r = new VersionRecord(table, "file:///" + table, version, index, actions.size(), Origin.COMMIT,
                10 + version, "x", actions.get(index));
        return new SinkRecord(TOPIC, 0, VersionRecordCodec.KEY_SCHEMA, VersionRecordCodec.key(r),
                VersionRecordCodec.VALUE_SCHEMA, VersionRecordCodec.value(r), offset);
    }

    private List<Long> history() {
        try (MetadataStore store = Stores.connect(PgTarget.parse(db.uri(), Map.of(), null).withTable(null))) {
            return store.find(table).map(t -> store.queries().history(t).stream().map(VersionInfo::version).toList())
                    .orElse(List.of());
        }
    }

    /** Terminates every session of the sink (its store's and its writer's), as a server restart would. */
    private int killSinkSessions() throws Exception {
        int n = 0;
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND application_name = 'deltasql-sink'")) {
            while (rs.next()) {
                n += rs.getBoolean(1) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void lostConnectionRewindsToWhatPostgresHoldsAndSkipsTheRedeliveredBatch() throws Exception {
        start(db.uri());
        task.put(List.of(rec(0, 0, V0, 0), rec(1, 0, V0, 1), rec(2, 0, V0, 2)));
        task.put(List.of(rec(3, 1, V1, 0))); // version 1 begun, not complete
        // preCommit waits for the commits running in the writer's background: exactly what PostgreSQL holds.
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(4)))).containsEntry(TP, new OffsetAndMetadata(3));
        assertThat(history()).containsExactly(0L);
        assertThat(killSinkSessions()).isEqualTo(2);

        // Version 1 ends in this batch; its commit runs in the writer's background, on the dead connection.
        task.put(List.of(rec(4, 1, V1, 1), rec(5, 1, V1, 2)));
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(6)))).as("version 1 did not reach PostgreSQL")
                .containsEntry(TP, new OffsetAndMetadata(3));
        // The failure surfaces with the next record.
        List<SinkRecord> next = List.of(rec(6, 2, V2, 0));
        assertThatThrownBy(() -> task.put(next)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("table " + table + ": lost the connection to PostgreSQL");
        assertThat(context.offsets).as("back to the start of version 1: after version 0").containsEntry(TP, 3L);
        assertThat(context.timeout).isEqualTo(RetryBackoff.FIRST_MS);
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(7)))).as("nothing to commit while retrying").isEmpty();

        // Connect re-delivers the failed batch: version 2 without version 1 must not be applied.
        task.put(next);
        assertThat(history()).containsExactly(0L);

        // Then the consumer, rewound, reads version 1 from its start: a new writer applies it whole.
        task.put(List.of(rec(3, 1, V1, 0), rec(4, 1, V1, 1), rec(5, 1, V1, 2), rec(6, 2, V2, 0)));
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(7)))).containsEntry(TP, new OffsetAndMetadata(7));
        assertThat(history()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void beforeAnyCommitTheRewindGoesToTheFirstRecordRead() throws Exception {
        start(db.uri());
        task.put(List.of(rec(0, 0, V0, 0), rec(1, 0, V0, 1))); // version 0 begun: PostgreSQL holds nothing yet
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(2)))).isEmpty();
        killSinkSessions();
        // Versions 0 and 1 end in this batch; their commit fails in the writer's background.
        List<SinkRecord> rest = List.of(rec(2, 0, V0, 2), rec(3, 1, V1, 0), rec(4, 1, V1, 1), rec(5, 1, V1, 2));
        task.put(rest);
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(6)))).isEmpty();
        List<SinkRecord> next = List.of(rec(6, 2, V2, 0));
        assertThatThrownBy(() -> task.put(next)).isInstanceOf(RetriableException.class);
        assertThat(context.offsets).containsEntry(TP, 0L);
        task.put(next);
        assertThat(history()).isEmpty();
        List<SinkRecord> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            again.add(rec(i, 0, V0, i));
        }
        again.addAll(rest.subList(1, 4));
        again.addAll(next);
        task.put(again);
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(7)))).containsEntry(TP, new OffsetAndMetadata(7));
        assertThat(history()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void postgresDownAtStartIsRetriedWithAGrowingWait() {
        start("deltasql://postgres/nowhere?host=127.0.0.1&port=1&user=postgres&password=hunter2");
        List<SinkRecord> batch = List.of(rec(0, 0, V0, 0));
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("connection refused").hasMessageNotContaining("hunter2");
        assertThat(context.timeout).isEqualTo(RetryBackoff.FIRST_MS);
        assertThat(context.offsets).as("nothing was consumed: the batch is simply delivered again").isEmpty();
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        assertThat(context.timeout).isEqualTo(2 * RetryBackoff.FIRST_MS);
    }

    @Test
    void postgresAwayLongerThanTheRetryTimeoutStopsTheTask() {
        MockTime time = new MockTime();
        task = new DeltaSqlSinkTask(time);
        task.initialize(context);
        task.start(Map.of("target", "deltasql://postgres/nowhere?host=127.0.0.1&port=1&user=postgres&password=hunter2",
                "name", "sink-test", "postgres.retry.timeout.ms", "300"));
        List<SinkRecord> batch = List.of(rec(0, 0, V0, 0));
        assertThatThrownBy(() -> task.put(batch)).as("first failure: retried").isInstanceOf(RetriableException.class);
        time.sleep(299);
        assertThatThrownBy(() -> task.put(batch)).as("within the timeout: retried").isInstanceOf(RetriableException.class);
        time.sleep(1);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("connection refused").hasMessageContaining("postgres.retry.timeout.ms=300")
                .hasMessageContaining("the task stops").hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aRetryTimeoutOfZeroFailsAtTheFirstLostConnection() {
        task = new DeltaSqlSinkTask();
        task.initialize(context);
        task.start(Map.of("target", "deltasql://postgres/nowhere?host=127.0.0.1&port=1&user=postgres",
                "name", "sink-test", "postgres.retry.timeout.ms", "0"));
        assertThatThrownBy(() -> task.put(List.of(rec(0, 0, V0, 0)))).isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class).hasMessageContaining("postgres.retry.timeout.ms=0");
    }

    @Test
    void aPermanentErrorStillStopsTheTask() throws Exception {
        try (MetadataStore store = Stores.connect(PgTarget.parse(db.uri(), Map.of(), null).withTable(null))) {
            // With a committed version: a registration without one would simply be taken over.
            try (VersionWriter w = store.writer(store.register(table, "file:///elsewhere", false))) {
                w.beginVersion(0, Origin.COMMIT, 1, 1);
                w.add(new Protocol(1, 2, null, null, null));
                w.endVersion();
                w.commit();
            }
        }
        start(db.uri());
        assertThatThrownBy(() -> task.put(List.of(rec(0, 0, V0, 0)))).isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("table name '" + table + "' is already registered for file:///elsewhere")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aTargetThatNamesItsSchemaWritesThere() throws Exception {
        String uri = db.uri();
        int q = uri.indexOf('?');
        start(uri.substring(0, q) + "/named_schema" + uri.substring(q));
        task.put(List.of(rec(0, 0, V0, 0), rec(1, 0, V0, 1), rec(2, 0, V0, 2)));
        assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(3)))).containsEntry(TP, new OffsetAndMetadata(3));
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT head_version FROM named_schema.dl_tables WHERE name = '" + table + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
