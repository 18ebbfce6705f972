package io.deltasql.connect.sink;

import io.deltasql.connect.metrics.SinkTableMetrics;
import io.deltasql.connect.metrics.WorkerMetrics;
import io.deltasql.connect.record.VersionRecord;
import io.deltasql.store.StoreConnectionException;
import io.deltasql.store.StoreException;
import io.deltasql.store.TableBusyException;
import io.deltasql.store.VersionWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a sink task knows between calls: one {@link TableApplier} per table (each table has its own
 * topic partition), where a partition is read again after a lost connection, the retry back-off, and what
 * each failure means to Connect.
 *
 * <p>A lost connection to PostgreSQL is waited out, not fatal: the table's writer is discarded
 * (PostgreSQL rolled back what it had not committed), its partition is rewound to the first record
 * PostgreSQL does not hold, and put() throws {@link RetriableException}. Connect then hands the same
 * batch again: its records of that partition are dropped, because the consumer, rewound, reads them
 * again from the rewind point — so a version half-received is always re-read from its first action,
 * and versions already committed are skipped by the head. A new writer is opened when the records
 * come back, after a bounded, doubling wait ({@code context.timeout}). Any other PostgreSQL error
 * stops the task; a record that cannot be applied goes to the dead letter queue first.
 */
final class SinkPartitions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkPartitions.class);

    private final DeltaSinkConfig config;
    private final TableWriters writers;
    private final SinkTaskContext context;
    private final String contextName;
    private final ErrantRecords errant;
    private final RetryBackoff backoff;
    private final Map<String, TableApplier> appliers = new LinkedHashMap<>();
    private final Map<String, SinkTableMetrics> metrics = new HashMap<>();
    private final Map<TopicPartition, String> tableOfPartition = new HashMap<>();
    /** Where a partition whose writer was discarded is read again from, until a new writer is open. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    /** Partitions whose records in the next put() are the re-delivery of a failed batch (read again from resumeAt instead). */
    private final Set<TopicPartition> redelivered = new HashSet<>();

    SinkPartitions(DeltaSinkConfig config, TableWriters writers, SinkTaskContext context, Map<String, String> props,
                   Time time) {
        this.config = config;
        this.writers = writers;
        this.context = context;
        this.contextName = props.getOrDefault(DeltaSqlSinkConnector.TASK_CONTEXT, "deltasql-sink");
        this.errant = new ErrantRecords(context,
                "all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none").trim()));
        this.backoff = new RetryBackoff(time);
    }

    /** Hands each record to its table's applier; commits what is complete at the end (see the class comment for failures). */
    void put(Collection<SinkRecord> records) {
        Set<TopicPartition> skipping = new HashSet<>(redelivered);
        Set<TopicPartition> rewound = new HashSet<>();
        Set<TableApplier> touched = new LinkedHashSet<>();
        Map<TopicPartition, Long> left = new HashMap<>();
        for (SinkRecord record : records) {
            left.merge(partition(record), 1L, Long::sum);
        }
        for (SinkRecord record : records) {
            TopicPartition tp = partition(record);
            long recordsAfter = left.merge(tp, -1L, Long::sum);
            if (skipping.contains(tp) || rewound.contains(tp)) {
                continue;
            }
            VersionRecord r = errant.decode(record, tp);
            if (r == null) {
                continue; // not a deltasql record, reported and skipped (errors.tolerance=all)
            }
            TableApplier applier = applierFor(r, tp);
            touched.add(applier);
            Long rewindTo;
            try {
                rewindTo = applier.accept(record.kafkaOffset(), r, recordsAfter);
            } catch (RuntimeException e) {
                throw translate(applier, e, record);
            }
            if (rewindTo != null) {
                context.offset(tp, rewindTo);
                rewound.add(tp);
            }
        }
        for (TableApplier applier : touched) {
            try {
                applier.endOfBatch();
            } catch (RuntimeException e) {
                throw translate(applier, e, null);
            }
        }
        if (skipping.isEmpty() && !touched.isEmpty()) {
            backoff.reset(); // a whole batch went through: PostgreSQL is back
        }
        redelivered.removeAll(skipping);
    }

    /**
     * What Connect must hear about a failure of the table's applier: a lost connection is retried (see the
     * class comment), a busy table too; any other PostgreSQL error stops the task; a record that cannot be
     * applied ({@code record} not null) is reported to the dead letter queue, then stops the task.
     */
    private RuntimeException translate(TableApplier applier, RuntimeException e, SinkRecord record) {
        if (e instanceof StoreConnectionException lost) {
            return retryLater(applier, lost);
        }
        applier.failed(e);
        if (e instanceof TableBusyException) {
            return new RetriableException(e.getMessage(), e);
        }
        if (e instanceof StoreException) {
            closeApplier(applier.table());
            return new ConnectException(e.getMessage(), e);
        }
        if (e instanceof BadRecordException && record != null) {
            errant.report(record, e);
        }
        return e;
    }

    private static TopicPartition partition(SinkRecord record) {
        return new TopicPartition(record.topic(), record.kafkaPartition());
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
            applier = new TableApplier(r.table(), tp, open(r, tp), metricsOf(r.table()), config.commitMaxActions());
            appliers.put(r.table(), applier);
            tableOfPartition.put(tp, r.table());
            resumeAt.remove(tp);
            LOG.info("table {} ({}): writing from {}, PostgreSQL head {}", r.table(), r.location(), tp, applier.head());
        }
        return applier;
    }

    private VersionWriter open(VersionRecord r, TopicPartition tp) {
        try {
            return writers.open(r.table(), r.location());
        } catch (StoreConnectionException | TableBusyException e) {
            // TableBusy: after a lost connection, the old session may not have ended yet on the server.
            metricsOf(r.table()).error(e);
            throw retryFrom(tp, r.table(), resumeAt.get(tp), e);
        } catch (StoreException e) {
            throw new ConnectException(e.getMessage(), e);
        }
    }

    private SinkTableMetrics metricsOf(String table) {
        return metrics.computeIfAbsent(table,
                t -> SinkTableMetrics.register(contextName, t, WorkerMetrics.of(context::pluginMetrics)));
    }

    /** Discards the table's writer after a lost connection and asks Connect to retry (see the class comment). */
    private ConnectException retryLater(TableApplier applier, StoreException e) {
        applier.failed(e);
        long resume = applier.resumeOffset();
        discardApplier(applier.table());
        return retryFrom(applier.topicPartition(), applier.table(), resume < 0 ? null : resume, e);
    }

    /** {@code resume} null: nothing of the partition was consumed since its last writer, the re-delivered batch is read as is. */
    private ConnectException retryFrom(TopicPartition tp, String table, Long resume, StoreException e) {
        long wait = backoff.next();
        long limit = config.retryTimeoutMs();
        long failingFor = backoff.failingForMs();
        if (limit >= 0 && failingFor >= limit) {
            // Not Retriable: Connect fails the task; on restart the consumer starts again from the
            // offsets committed, i.e. from what PostgreSQL holds.
            return new ConnectException("table " + table + ": " + e.getMessage() + " — still failing after "
                    + failingFor + " ms of retries (" + DeltaSinkConfig.RETRY_TIMEOUT_MS + "=" + limit
                    + "); the task stops: restart it when PostgreSQL is back", e);
        }
        if (resume != null) {
            resumeAt.put(tp, resume);
            context.offset(tp, resume);
            redelivered.add(tp);
        }
        context.timeout(wait);
        LOG.warn("table {}: {} — retrying in {} ms{}", table, e.getMessage(), wait,
                resume == null ? "" : ", reading " + tp + " again from offset " + resume);
        return new RetriableException("table " + table + ": " + e.getMessage(), e);
    }

    /** The offsets Kafka may commit: never past what PostgreSQL holds (records of a version not committed are read again). */
    Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>();
        for (TableApplier applier : appliers.values()) {
            // The commits still running in the writers' background are waited for (at most one group
            // each), so a rebalance or a stop commits exactly what PostgreSQL holds.
            long offset = applier.awaitCommittedOffset();
            if (offset >= 0 && currentOffsets.containsKey(applier.topicPartition())) {
                safe.put(applier.topicPartition(), new OffsetAndMetadata(offset));
            }
        }
        return safe;
    }

    /** The partitions are taken away (rebalance): their tables' writers are closed. */
    void close(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            String table = tableOfPartition.get(tp);
            if (table != null) {
                closeApplier(table);
            }
            // Re-assigned or not, the consumer starts again from the committed offset: nothing to rewind.
            resumeAt.remove(tp);
            redelivered.remove(tp);
        }
    }

    /** Closes the table's writer for good: also its metrics. */
    private void closeApplier(String table) {
        discardApplier(table);
        tableOfPartition.values().remove(table);
        SinkTableMetrics m = metrics.remove(table);
        if (m != null) {
            m.close();
        }
    }

    /**
     * Closes the table's writer; its partition and metrics stay the table's (a writer re-opened after a
     * lost connection goes on counting, and close(partitions) still finds the metrics to unregister).
     */
    private void discardApplier(String table) {
        TableApplier applier = appliers.remove(table);
        if (applier != null) {
            try {
                applier.close();
            } catch (RuntimeException e) {
                LOG.warn("table {}: closing the writer failed: {}", table, e.getMessage());
            }
        }
    }

    /** The task stops: every writer, every metric, the store. */
    @Override
    public void close() {
        for (String table : new ArrayList<>(appliers.keySet())) {
            closeApplier(table);
        }
        metrics.values().forEach(SinkTableMetrics::close);
        metrics.clear();
        writers.close();
    }
}
