package io.deltasql.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.connect.metrics.MBeans;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.storage.LogStorages;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.Stores;
import io.deltasql.store.read.SqlSnapshot;
import io.deltasql.store.read.VersionInfo;
import io.deltasql.testing.PgDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * What every connector IT needs, started once per test class: a real KRaft broker and one Connect
 * worker in the JVM (exactly-once source support on, so every source producer is transactional), a
 * throw-away PostgreSQL database, and a {@link MetadataStore} on it to look at what the sink wrote.
 * Plus the connector configs the ITs share and the waits and checks they repeat.
 */
final class ConnectFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final EmbeddedConnectCluster connect;
    final PgDatabase db;
    final MetadataStore store;

    private ConnectFixture(EmbeddedConnectCluster connect, PgDatabase db, MetadataStore store) {
        this.connect = connect;
        this.db = db;
        this.store = store;
    }

    /** {@code workerProps} are added to (or replace) the defaults: plugins by service loading, String converters, 500 ms offset flush. */
    static ConnectFixture start(String name, Map<String, String> workerProps) throws Exception {
        PgDatabase db = PgDatabase.create("deltasql_connect_it");
        EmbeddedConnectCluster connect = null;
        try {
            Map<String, String> worker = new HashMap<>();
            worker.put("plugin.discovery", "service_load");
            worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
            worker.put("offset.flush.interval.ms", "500");
            worker.put("exactly.once.source.support", "enabled");
            // As shipped: a worker that leaves gives its tasks up at once (not after Kafka's default 5 minutes).
            worker.put("scheduled.rebalance.max.delay.ms", ShippedConfigs.worker().get("scheduled.rebalance.max.delay.ms"));
            worker.putAll(workerProps);
            Properties broker = new Properties();
            broker.put("transaction.state.log.replication.factor", "1");
            broker.put("transaction.state.log.min.isr", "1");
            broker.put("auto.create.topics.enable", "true");
            connect = new EmbeddedConnectCluster.Builder().name(name).numWorkers(1).numBrokers(1)
                    .workerProps(worker).brokerProps(broker).build();
            connect.start();
            MetadataStore store = Stores.connect(PgTarget.parse(db.uri(), Map.of(), null).withTable(null));
            return new ConnectFixture(connect, db, store);
        } catch (Exception | Error e) {
            if (connect != null) {
                connect.stop();
            }
            db.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        store.close();
        connect.stop();
        db.close();
    }

    static String uri(Path table) {
        return "file://" + table.toAbsolutePath();
    }

    // ---------------------------------------------------------------------------------- connectors

    /**
     * The shipped source config (config/delta-source.json) on {@code tableList} (name=location,…) writing to
     * topics {@code <prefix>.<name>}, polling every 200 ms, plus {@code extra}; waits until its task runs.
     */
    void startSource(String name, String prefix, String tableList, Map<String, String> extra) throws InterruptedException {
        connect.configureConnector(name, sourceConfig(prefix, tableList, extra));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, name + " running");
    }

    /** The config {@link #startSource} uses, for a test that must not wait for the task to run. */
    static Map<String, String> sourceConfig(String prefix, String tableList, Map<String, String> extra) {
        Map<String, String> c = ShippedConfigs.source();
        c.put("delta.tables", tableList);
        c.put("topic.prefix", prefix);
        c.put("poll.interval.ms", "200");
        c.putAll(extra);
        return c;
    }

    /**
     * The shipped sink config (config/postgres-sink.json) on topics {@code <prefix>\..*} into the test database,
     * plus {@code extra}; waits until its task runs. Nothing else: the shipped consumer settings are what is tested.
     */
    void startSink(String name, String prefix, Map<String, String> extra) throws InterruptedException {
        connect.configureConnector(name, sinkConfig(prefix, extra));
        connect.assertions().assertConnectorAndAtLeastNumTasksAreRunning(name, 1, name + " running");
    }

    Map<String, String> sinkConfig(String prefix, Map<String, String> extra) {
        Map<String, String> c = ShippedConfigs.sink();
        c.put("topics.regex", prefix + "\\..*");
        c.put("target", db.uri());
        c.putAll(extra);
        return c;
    }

    void stop(String connector) throws InterruptedException {
        connect.stopConnector(connector);
        connect.assertions().assertConnectorIsStopped(connector, connector + " stopped");
    }

    void delete(String... connectors) {
        for (String c : connectors) {
            connect.deleteConnector(c);
        }
    }

    /** The state of the connector's task 0: RUNNING, FAILED, … */
    String taskState(String connector) {
        return task(connector).state();
    }

    /** The failed task's stack trace (Connect wraps the task's exception: its message is on a "Caused by:" line). */
    String taskTrace(String connector) {
        String trace = task(connector).trace();
        return trace == null ? "" : trace;
    }

    private ConnectorStateInfo.TaskState task(String connector) {
        List<ConnectorStateInfo.TaskState> tasks = connect.connectorStatus(connector).tasks();
        if (tasks.isEmpty()) {
            throw new IllegalStateException(connector + " has no task yet"); // awaitTrue retries
        }
        return tasks.get(0);
    }

    // ---------------------------------------------------------------------------------- waiting

    void awaitHead(String table, long version) throws InterruptedException {
        awaitTrue(table + " at version " + version + " in PostgreSQL", () -> {
            Optional<RegisteredTable> t = store.find(table);
            return t.isPresent() && t.get().headVersion() >= version;
        });
    }

    /** Polls every 100 ms; on timeout the error names what was awaited and the state of every connector. */
    void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not there yet (e.g. an MBean not registered)
            }
            Thread.sleep(100);
        }
        StringBuilder states = new StringBuilder();
        for (String c : connect.connectors()) {
            ConnectorStateInfo s = connect.connectorStatus(c);
            s.tasks().forEach(t -> states.append("\n  ").append(c).append(" task ").append(t.id()).append(": ")
                    .append(t.state()).append(t.trace() == null ? "" : " " + t.trace().lines().findFirst().orElse("")));
        }
        throw new AssertionError("timed out waiting for: " + what + states);
    }

    // ---------------------------------------------------------------------------------- checks

    /** Versions in dl_table_versions, in order. */
    List<Long> history(String table) {
        return store.queries().history(store.find(table).orElseThrow()).stream().map(VersionInfo::version).toList();
    }

    /** PostgreSQL holds the state delta-log replays from the files: version, files (path, dv), sizes, schema, protocol. */
    void assertMirrors(String name, Path table) {
        Snapshot expected;
        try (DeltaLog log = LogStorages.openLog(uri(table))) {
            expected = log.latestSnapshot();
        }
        assertMirrors(name, expected);
    }

    void assertMirrors(String name, Snapshot expected) {
        SqlSnapshot actual = store.queries().latest(store.find(name).orElseThrow());
        assertThat(actual.version()).as(name + " version").isEqualTo(expected.version());
        assertThat(actual.files()).extracting(f -> f.path() + "|" + f.dvId()).as(name + " live files")
                .containsExactlyElementsOf(expected.files().stream().map(f -> f.path() + "|" + f.dvId()).toList());
        assertThat(actual.files()).extracting(AddFile::size).as(name + " sizes")
                .containsExactlyElementsOf(expected.files().stream().map(AddFile::size).toList());
        assertThat(actual.metadata().schemaString()).as(name + " schema").isEqualTo(expected.metadata().schemaString());
        assertThat(actual.protocol()).as(name + " protocol").isEqualTo(expected.protocol());
    }

    long endOffset(TopicPartition tp) {
        try {
            return connect.kafka().endOffset(tp);
        } catch (Exception e) {
            return -1;
        }
    }

    static boolean registered(String type, String context, String table) {
        return ManagementFactory.getPlatformMBeanServer().isRegistered(MBeans.name(type, context, table));
    }

    /** An attribute of the table's MBean, looked up under {@code context} or {@code altContext}. */
    static Object mbean(String type, String context, String table, String attribute, String altContext) {
        try {
            String ctx = registered(type, context, table) || altContext == null ? context : altContext;
            return ManagementFactory.getPlatformMBeanServer().getAttribute(MBeans.name(type, ctx, table), attribute);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
