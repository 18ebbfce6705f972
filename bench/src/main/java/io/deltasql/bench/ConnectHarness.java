package io.deltasql.bench;

import io.deltasql.connect.sink.DeltaSqlSinkConnector;
import io.deltasql.connect.source.DeltaLogSourceConnector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One KRaft broker and one Connect worker in this JVM ({@code EmbeddedConnectCluster}, STACK-VERIFIED §1),
 * plus the connector configurations the benchmark uses. The worker finds the plugin through
 * {@code META-INF/services} ({@code plugin.discovery=service_load}).
 */
final class ConnectHarness implements AutoCloseable {
    private final EmbeddedConnectCluster cluster;
    private final Admin admin;
    private final boolean exactlyOnce;
    private final Set<String> existingTopics = new HashSet<>();

    private ConnectHarness(EmbeddedConnectCluster cluster, boolean exactlyOnce) {
        this.cluster = cluster;
        this.exactlyOnce = exactlyOnce;
        this.admin = cluster.kafka().createAdminClient();
    }

    /** Starts broker and worker; with {@code exactlyOnce} the worker runs KIP-618 exactly-once sources. */
    static ConnectHarness start(boolean exactlyOnce) {
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.discovery", "service_load");
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("offset.flush.interval.ms", "1000");
        // The tuning knobs (producer.override.*, consumer.override.*) are per connector.
        worker.put("connector.client.config.override.policy", "All");
        if (exactlyOnce) {
            worker.put("exactly.once.source.support", "enabled");
        }
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        // A sink's consumer group would otherwise wait 3 s for more members before its first assignment.
        broker.put("group.initial.rebalance.delay.ms", "0");
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name(exactlyOnce ? "deltasql-bench-eos" : "deltasql-bench")
                .numWorkers(1).numBrokers(1).workerProps(worker).brokerProps(broker).build();
        cluster.start();
        return new ConnectHarness(cluster, exactlyOnce);
    }

    boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** Source of one table into topic {@code <prefix>.<table>}; {@code extra} overrides the defaults. */
    void startSource(String name, String prefix, String table, String location, long pollMs,
                     Map<String, String> extra) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", DeltaLogSourceConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("delta.tables", table + "=" + location);
        c.put("topic.prefix", prefix);
        c.put("poll.interval.ms", Long.toString(pollMs));
        c.put("topic.creation.default.replication.factor", "1");
        c.put("topic.creation.default.partitions", "1");
        if (exactlyOnce) {
            c.put("exactly.once.support", "required");
            c.put("transaction.boundary", "connector");
        }
        c.putAll(extra);
        cluster.configureConnector(name, c);
    }

    /** Sink of one topic into the database at {@code target}; {@code extra} overrides the defaults. */
    void startSink(String name, String topic, String target, Map<String, String> extra) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", DeltaSqlSinkConnector.class.getName());
        c.put("tasks.max", "1");
        c.put("topics", topic);
        c.put("target", target);
        c.put("consumer.override.auto.offset.reset", "earliest");
        c.putAll(extra);
        cluster.configureConnector(name, c);
    }

    /**
     * Restarts every FAILED task of every connector (the machine and its PostgreSQL are shared: another
     * process may end our connections) and returns what failed, or an empty list.
     */
    List<String> restartFailedTasks() {
        List<String> failed = new java.util.ArrayList<>();
        for (String c : cluster.connectors()) {
            try {
                var s = cluster.connectorStatus(c);
                s.tasks().stream().filter(t -> "FAILED".equals(t.state())).forEach(t -> {
                    String first = t.trace() == null ? "" : t.trace().lines().findFirst().orElse("");
                    failed.add(c + " task " + t.id() + ": " + first);
                    cluster.restartTask(c, t.id());
                });
            } catch (RuntimeException e) {
                // status not there yet right after creation
            }
        }
        return failed;
    }

    void delete(String connector) {
        cluster.deleteConnector(connector);
    }

    /** The connector's and its tasks' states, with the first task error line: said when a phase times out. */
    String status(String connector) {
        try {
            var s = cluster.connectorStatus(connector);
            StringBuilder b = new StringBuilder(connector + " " + s.connector().state());
            s.tasks().forEach(t -> {
                b.append(", task ").append(t.id()).append(' ').append(t.state());
                if (t.trace() != null) {
                    b.append(": ").append(t.trace().lines().findFirst().orElse(""));
                }
            });
            return b.toString();
        } catch (RuntimeException e) {
            return connector + ": no status (" + e.getMessage() + ")";
        }
    }

    /** The end offset of partition 0 (records plus, with exactly-once, one commit marker per transaction); 0 if no topic yet. */
    long endOffset(String topic) throws InterruptedException {
        TopicPartition tp = new TopicPartition(topic, 0);
        try {
            // Listing offsets of a topic not created yet makes the admin client log an ERROR per call.
            if (!existingTopics.contains(topic)) {
                if (!admin.listTopics().names().get().contains(topic)) {
                    return 0;
                }
                existingTopics.add(topic);
            }
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw new IllegalStateException("listing the end offset of " + topic + ": " + e.getCause().getMessage(), e);
        }
    }

    List<String> connectors() {
        return List.copyOf(cluster.connectors());
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            cluster.stop();
        }
    }
}
