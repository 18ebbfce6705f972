package io.deltasql.connect.sink;

import io.deltasql.connect.Versions;
import io.deltasql.connect.metrics.SinkTableMetrics;
import io.deltasql.connect.record.VersionRecord;
import io.deltasql.connect.record.VersionRecordCodec;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>A lost connection to PostgreSQL is waited out, not fatal: the table's writer is discarded
 * (PostgreSQL rolled back what it had not committed), its partition is rewound to the first record
 * PostgreSQL does not hold, and put() throws {@link RetriableException}. Connect then hands the same
 * batch again: its records of that partition are dropped, because the consumer, rewound, reads them
 * again from the rewind point — so a version half-received is always re-read from its first action,
 * and versions already committed are skipped by the head. A new writer is opened when the records
 * come back, after a bounded, doubling wait ({@code context.timeout}).
 */
public class DeltaSqlSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaSqlSinkTask.class);
    static final long RETRY_FIRST_MS = 250;
    static final long RETRY_MAX_MS = 30_000;

    private DeltaSinkConfig config;
    private String contextName;
    private boolean tolerateAll;
    private TableWriters writers;
    private final Map<String, TableApplier> appliers = new LinkedHashMap<>();
    private final Map<String, SinkTableMetrics> metrics = new HashMap<>();
    private final Map<TopicPartition, String> tableOfPartition = new HashMap<>();
    /** Where a partition whose writer was discarded is read again from, until a new writer is open. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    /** Partitions whose records in the next put() are the re-delivery of a failed batch (read again from resumeAt instead). */
    private final Set<TopicPartition> redelivered = new HashSet<>();
    private final RetryBackoff backoff = new RetryBackoff(RETRY_FIRST_MS, RETRY_MAX_MS);

    @Override
    public String version() {
        return Versions.plugin();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new DeltaSinkConfig(props);
        contextName = props.getOrDefault(DeltaSqlSinkConnector.TASK_CONTEXT, "deltasql-sink");
        tolerateAll = "all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none").trim());
        writers = writersFor(config);
    }

    /** Connects to PostgreSQL and migrates the dl_* schema. */
    TableWriters writersFor(DeltaSinkConfig config) {
        return StoreTableWriters.connect(config);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        Set<TopicPartition> skipping = new HashSet<>(redelivered);
        Set<TopicPartition> rewound = new HashSet<>();
        Set<TableApplier> touched = new LinkedHashSet<>();
        Map<TopicPartition, Long> left = new HashMap<>();
        for (SinkRecord record : records) {
            left.merge(new TopicPartition(record.topic(), record.kafkaPartition()), 1L, Long::sum);
        }
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            long recordsAfter = left.merge(tp, -1L, Long::sum);
            if (skipping.contains(tp) || rewound.contains(tp)) {
                continue;
            }
            VersionRecord r = decode(record, tp);
            if (r == null) {
                continue; // not a deltasql record, reported and skipped (errors.tolerance=all)
            }
            TableApplier applier = applierFor(r, tp);
            touched.add(applier);
            Long rewindTo;
            try {
                rewindTo = applier.accept(record.kafkaOffset(), r, recordsAfter);
            } catch (StoreConnectionException e) {
                throw retryLater(applier, e);
            } catch (TableBusyException e) {
                applier.failed(e);
                throw new RetriableException(e.getMessage(), e);
            } catch (StoreException e) {
                applier.failed(e);
                closeApplier(r.table());
                throw new ConnectException(e.getMessage(), e);
            } catch (BadRecordException e) {
                applier.failed(e);
                report(record, e);
                throw e;
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
            } catch (StoreConnectionException e) {
                throw retryLater(applier, e);
            } catch (StoreException e) {
                applier.failed(e);
                throw new ConnectException(e.getMessage(), e);
            }
        }
        if (skipping.isEmpty() && !touched.isEmpty()) {
            backoff.reset(); // a whole batch went through: PostgreSQL is back
        }
        redelivered.removeAll(skipping);
    }

    /** The record as a deltasql record, or null when it is not one and errors.tolerance=all lets it be skipped. */
    private VersionRecord decode(SinkRecord record, TopicPartition tp) {
        try {
            return VersionRecordCodec.decode(record.value());
        } catch (DataException e) {
            boolean reported = report(record, e);
            if (tolerateAll) {
                // It carries no (table, version, index) to trust. Were it an action, its version now lacks
                // one and the sink stops when that version ends (TableApplier): nothing is half-applied.
                LOG.warn("{} offset {}: {}; skipped (errors.tolerance=all){}", tp, record.kafkaOffset(), e.getMessage(),
                        reported ? ", reported to the dead letter queue" : "");
                return null;
            }
            throw new ConnectException(tp + " offset " + record.kafkaOffset() + ": " + e.getMessage()
                    + "; the sink stops rather than apply a version with an action missing (errors.tolerance=all "
                    + "skips records that are not deltasql records)", e);
        }
    }

    /**
     * Sends the record to the dead letter queue (or the error log) when the connector has one, and
     * waits until it is there, so that it is not lost if the task stops next. Returns whether it was sent.
     */
    private boolean report(SinkRecord record, Throwable error) {
        ErrantRecordReporter reporter = context.errantRecordReporter();
        if (reporter == null) {
            return false;
        }
        try {
            reporter.report(record, error).get(30, TimeUnit.SECONDS);
            return true;
        } catch (ConnectException toleranceExceeded) {
            return true; // errors.tolerance=none: Connect reported it, then says the task must stop (it will)
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{} offset {}: reporting the record to the dead letter queue failed: {}", record.topic(),
                    record.kafkaOffset(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
            } catch (StoreConnectionException | TableBusyException e) {
                // TableBusy: after a lost connection, the old session may not have ended yet on the server.
                metricsOf(r.table()).error(e);
                throw retryFrom(tp, r.table(), resumeAt.get(tp), e);
            } catch (StoreException e) {
                throw new ConnectException(e.getMessage(), e);
            }
            applier = new TableApplier(r.table(), tp, writer, metricsOf(r.table()), config.commitMaxActions());
            appliers.put(r.table(), applier);
            tableOfPartition.put(tp, r.table());
            resumeAt.remove(tp);
            LOG.info("table {} ({}): writing from {}, PostgreSQL head {}", r.table(), r.location(), tp, applier.head());
        }
        return applier;
    }

    private SinkTableMetrics metricsOf(String table) {
        return metrics.computeIfAbsent(table, t -> SinkTableMetrics.register(contextName, t));
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

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // Never past what PostgreSQL holds: records of a version not yet committed are read again after a restart.
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

    @Override
    public void close(Collection<TopicPartition> partitions) {
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

    @Override
    public void stop() {
        for (String table : new ArrayList<>(appliers.keySet())) {
            closeApplier(table);
        }
        for (SinkTableMetrics m : metrics.values()) {
            m.close();
        }
        metrics.clear();
        if (writers != null) {
            writers.close();
        }
    }
}
