package io.deltasql.connect.metrics;

import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/** Per-table sink metrics, registered while a sink task writes the table. */
public final class SinkTableMetrics implements SinkTableMetricsMXBean, AutoCloseable {
    private final String table;
    private final ObjectName name;
    private volatile long lastVersionApplied = -1;
    private volatile long lastAppliedTimestamp;
    private volatile long lastVersionReceived = -1;
    private final AtomicLong versionsApplied = new AtomicLong();
    private final AtomicLong versionsSkipped = new AtomicLong();
    private final AtomicLong actionsApplied = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final RateMeter rate = new RateMeter();
    private volatile String lastError = "";

    private SinkTableMetrics(String context, String table, boolean register) {
        this.table = table;
        this.name = register ? MBeans.name("sink-task", context, table) : null;
        if (register) {
            MBeans.register(this, name);
        }
    }

    /** Registered under {@code io.deltasql.connect:type=sink-task,context=<context>,table=<table>}. */
    public static SinkTableMetrics register(String context, String table) {
        return new SinkTableMetrics(context, table, true);
    }

    public static SinkTableMetrics unregistered(String table) {
        return new SinkTableMetrics("", table, false);
    }

    public void received(long version) {
        if (version > lastVersionReceived) {
            lastVersionReceived = version;
        }
    }

    public void head(long version) {
        lastVersionApplied = version;
    }

    public void committed(long version, long timestamp, long versions, long actions) {
        lastVersionApplied = version;
        lastAppliedTimestamp = timestamp;
        versionsApplied.addAndGet(versions);
        actionsApplied.addAndGet(actions);
        rate.mark(actions);
    }

    public void skipped() {
        versionsSkipped.incrementAndGet();
    }

    public void error(Throwable t) {
        errors.incrementAndGet();
        lastError = String.valueOf(t.getMessage());
    }

    @Override
    public String getTable() {
        return table;
    }

    @Override
    public long getLastVersionApplied() {
        return lastVersionApplied;
    }

    @Override
    public long getLastVersionReceived() {
        return lastVersionReceived;
    }

    @Override
    public long getLagVersions() {
        return Math.max(0, lastVersionReceived - lastVersionApplied);
    }

    @Override
    public long getLagSeconds() {
        return lastAppliedTimestamp == 0 ? 0 : Math.max(0, (System.currentTimeMillis() - lastAppliedTimestamp) / 1000);
    }

    @Override
    public long getVersionsApplied() {
        return versionsApplied.get();
    }

    @Override
    public long getVersionsSkipped() {
        return versionsSkipped.get();
    }

    @Override
    public long getActionsApplied() {
        return actionsApplied.get();
    }

    @Override
    public double getActionsPerSecond() {
        return rate.perSecond();
    }

    @Override
    public long getErrors() {
        return errors.get();
    }

    @Override
    public String getLastError() {
        return lastError;
    }

    @Override
    public void close() {
        if (name != null) {
            MBeans.unregister(name);
        }
    }
}
