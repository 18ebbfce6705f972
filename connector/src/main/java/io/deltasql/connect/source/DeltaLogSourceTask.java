package io.deltasql.connect.source;

import io.deltasql.connect.Versions;
import io.deltasql.connect.metrics.SourceTableMetrics;
import io.deltasql.connect.metrics.WorkerMetrics;
import io.deltasql.log.DeltaLogException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin task: opens a {@link TableReader} per assigned table at its stored offset, hands out records
 * round-robin, and marks each version's last record as a transaction boundary when exactly-once is on.
 */
public class DeltaLogSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaLogSourceTask.class);
    /** Longest sleep in one idle poll, so that stop() and new commits are noticed promptly. */
    private static final long MAX_IDLE_WAIT_MS = 500;

    private final List<TableReader> readers = new ArrayList<>();
    private final List<SourceTableMetrics> metrics = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private int maxRecords;
    private int cursor;

    @Override
    public String version() {
        return Versions.plugin();
    }

    @Override
    public void start(Map<String, String> props) {
        DeltaSourceConfig config = new DeltaSourceConfig(props);
        maxRecords = config.maxRecordsPerPoll();
        String taskContext = props.getOrDefault(DeltaLogSourceConnector.TASK_CONTEXT, "deltasql-source");
        List<TableSpec> tables = config.taskTables();
        PluginMetrics plugin = WorkerMetrics.of(context::pluginMetrics);
        RecordSizeLimit sizeLimit = RecordSizeLimit.from(props);
        List<Map<String, Object>> partitions = tables.stream().map(t -> SourceOffset.partition(t.location())).toList();
        Map<Map<String, Object>, Map<String, Object>> stored = context.offsetStorageReader().offsets(partitions);
        try {
            for (TableSpec table : tables) {
                Map<String, Object> raw = stored == null ? null : stored.get(SourceOffset.partition(table.location()));
                SourceOffset offset;
                try {
                    offset = raw == null ? null : SourceOffset.parse(raw);
                } catch (IllegalArgumentException e) {
                    throw new ConnectException("table " + table.name() + ": stored offset " + raw + " is invalid: "
                            + e.getMessage() + " — fix it with PATCH /connectors/<name>/offsets or reset it");
                }
                SourceTableMetrics m = SourceTableMetrics.register(taskContext, table.name(), table.location(), plugin);
                metrics.add(m);
                VersionFeed feed = feedFor(table, config);
                readers.add(new TableReader(table, config.topicFor(table), feed, offset, config.startMode(),
                        config.pollIntervalMs(), config.upToVersion(), m, sizeLimit));
                LOG.info("table {} ({}): starting {}", table.name(), table.location(),
                        offset == null ? "with start.mode=" + config.startMode() : "at " + offset);
            }
        } catch (RuntimeException e) {
            closeAll();
            throw e instanceof ConnectException ? e : new ConnectException(e.getMessage(), e);
        }
    }

    /** Opens the table's log with the connector's storage settings. */
    VersionFeed feedFor(TableSpec table, DeltaSourceConfig config) {
        return DeltaLogFeed.open(table.name(), table.location(), config.storage());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        List<SourceRecord> versionEnds = new ArrayList<>();
        synchronized (this) {
            if (stopping.getCount() == 0) {
                return null;
            }
            long now = System.currentTimeMillis();
            for (int i = 0; i < readers.size() && out.size() < maxRecords; i++) {
                TableReader reader = readers.get((cursor + i) % readers.size());
                try {
                    out.addAll(reader.poll(maxRecords - out.size(), now, versionEnds));
                } catch (DeltaLogException e) {
                    metrics.get(readers.indexOf(reader)).error(e);
                    if (e.kind() == DeltaLogException.Kind.IO) {
                        throw new RetriableException("table " + reader.table().name() + ": " + e.getMessage(), e);
                    }
                    throw new ConnectException("table " + reader.table().name() + ": " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    metrics.get(readers.indexOf(reader)).error(e);
                    throw e;
                }
            }
            cursor = readers.isEmpty() ? 0 : (cursor + 1) % readers.size();
        }
        TransactionContext tx = context.transactionContext();
        if (tx != null) {
            versionEnds.forEach(tx::commitTransaction);
        }
        if (out.isEmpty()) {
            waitForWork();
            return null;
        }
        return out;
    }

    private void waitForWork() throws InterruptedException {
        long next = Long.MAX_VALUE;
        synchronized (this) {
            for (TableReader r : readers) {
                next = Math.min(next, r.nextCheckAt());
            }
        }
        long wait = Math.min(MAX_IDLE_WAIT_MS, Math.max(0, next - System.currentTimeMillis()));
        if (wait > 0) {
            stopping.await(wait, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        stopping.countDown();
        synchronized (this) {
            closeAll();
        }
    }

    private void closeAll() {
        readers.forEach(TableReader::close);
        readers.clear();
        metrics.forEach(SourceTableMetrics::close);
        metrics.clear();
    }
}
