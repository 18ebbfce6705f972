package io.deltasql.connect.sink;

import io.deltasql.connect.Versions;
import io.deltasql.connect.metrics.SinkTableMetrics;
import io.deltasql.connect.record.VersionRecord;
import io.deltasql.connect.record.VersionRecordCodec;
import io.deltasql.store.StoreException;
import io.deltasql.store.TableBusyException;
import io.deltasql.store.VersionWriter;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin task: decodes records and hands each to its table's {@link TableApplier}; commits Kafka
 * offsets only up to what PostgreSQL holds.
 */
public class DeltaSqlSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaSqlSinkTask.class);

    private DeltaSinkConfig config;
    private String contextName;
    private TableWriters writers;
    private final Map<String, TableApplier> appliers = new LinkedHashMap<>();
    private final Map<TopicPartition, String> tableOfPartition = new HashMap<>();

    @Override
    public String version() {
        return Versions.plugin();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new DeltaSinkConfig(props);
        contextName = props.getOrDefault(DeltaSqlSinkConnector.TASK_CONTEXT, "deltasql-sink");
        writers = writersFor(config);
    }

    /** Connects to PostgreSQL and migrates the dl_* schema. */
    TableWriters writersFor(DeltaSinkConfig config) {
        return StoreTableWriters.connect(config);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        Set<TopicPartition> rewound = new HashSet<>();
        Set<TableApplier> touched = new HashSet<>();
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            if (rewound.contains(tp)) {
                continue;
            }
            VersionRecord r = decode(record, tp);
            TableApplier applier = applierFor(r, tp);
            touched.add(applier);
            Long rewindTo;
            try {
                rewindTo = applier.accept(record.kafkaOffset(), r);
            } catch (TableBusyException e) {
                applier.failed(e);
                throw new RetriableException(e.getMessage(), e);
            } catch (StoreException e) {
                applier.failed(e);
                closeApplier(r.table());
                throw new ConnectException(e.getMessage(), e);
            } catch (RuntimeException e) {
                applier.failed(e);
                throw e;
            }
            if (rewindTo != null) {
                context.offset(tp, rewindTo);
                rewound.add(tp);
            }
        }
        for (TableApplier applier : touched) {
            try {
                applier.endOfBatch();
            } catch (StoreException e) {
                throw new ConnectException(e.getMessage(), e);
            }
        }
    }

    private VersionRecord decode(SinkRecord record, TopicPartition tp) {
        try {
            return VersionRecordCodec.decode(record.value());
        } catch (DataException e) {
            ErrantRecordReporter reporter = context.errantRecordReporter();
            if (reporter != null) {
                reporter.report(record, e); // visible in the DLQ; the task still stops (see docs/connector.md)
            }
            throw new ConnectException(tp + " offset " + record.kafkaOffset() + ": " + e.getMessage()
                    + "; the sink stops rather than apply a version with an action missing", e);
        }
    }

    private TableApplier applierFor(VersionRecord r, TopicPartition tp) {
        String known = tableOfPartition.get(tp);
        if (known != null && !known.equals(r.table())) {
            throw new ConnectException(tp + " carries records of table " + known + " and of table " + r.table()
                    + "; each table needs its own topic (the source's default <topic.prefix>.<table>)");
        }
        TableApplier applier = appliers.get(r.table());
        if (applier != null && !applier.topicPartition().equals(tp)) {
            throw new ConnectException("table " + r.table() + " arrives on " + applier.topicPartition() + " and on "
                    + tp + "; a table's records must stay in one topic partition to keep their order");
        }
        if (applier == null) {
            VersionWriter writer;
            try {
                writer = writers.open(r.table(), r.location());
            } catch (TableBusyException e) {
                throw new RetriableException(e.getMessage(), e);
            } catch (StoreException e) {
                throw new ConnectException(e.getMessage(), e);
            }
            applier = new TableApplier(r.table(), tp, writer, SinkTableMetrics.register(contextName, r.table()),
                    config.commitMaxActions());
            appliers.put(r.table(), applier);
            tableOfPartition.put(tp, r.table());
            LOG.info("table {} ({}): writing from {}, PostgreSQL head {}", r.table(), r.location(), tp, applier.head());
        }
        return applier;
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // Never past what PostgreSQL holds: records of a version not yet committed are read again after a restart.
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        for (TableApplier applier : appliers.values()) {
            long offset = applier.committedOffset();
            if (offset >= 0 && currentOffsets.containsKey(applier.topicPartition())) {
                safe.put(applier.topicPartition(), new OffsetAndMetadata(offset));
            }
        }
        return safe;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            String table = tableOfPartition.get(tp);
            if (table != null) {
                closeApplier(table);
            }
        }
    }

    private void closeApplier(String table) {
        TableApplier applier = appliers.remove(table);
        if (applier != null) {
            tableOfPartition.remove(applier.topicPartition());
            try {
                applier.close();
            } catch (RuntimeException e) {
                LOG.warn("table {}: closing the writer failed: {}", table, e.getMessage());
            }
        }
    }

    @Override
    public void stop() {
        for (Iterator<String> it = new HashSet<>(appliers.keySet()).iterator(); it.hasNext(); ) {
            closeApplier(it.next());
        }
        if (writers != null) {
            writers.close();
        }
    }
}
