package io.deltasql.connect.metrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.PluginMetrics;

/** Per-table sink metrics, registered while a sink task writes the table. */
public final class SinkTableMetrics extends TableMetrics implements SinkTableMetricsMXBean {
    private volatile long lastVersionApplied = -1;
    private volatile long lastAppliedTimestamp;
    private volatile long lastVersionReceived = -1;
    private final AtomicLong versionsApplied = new AtomicLong();
    private final AtomicLong versionsSkipped = new AtomicLong();

    private SinkTableMetrics(String context, String table, boolean register) {
        super("sink-task", context, table, register);
        registerIfNamed();
    }

    /**
     * Registered under {@code io.deltasql.connect:type=sink-task,context=<context>,table=<table>}, and in the
     * task's plugin metrics when {@code plugin} is not null.
     */
    public static SinkTableMetrics register(String context, String table, PluginMetrics plugin) {
        SinkTableMetrics m = new SinkTableMetrics(context, table, true);
        m.export(plugin);
        return m;
    }

    public static SinkTableMetrics unregistered(String table) {
        return new SinkTableMetrics("", table, false);
    }

    @Override
    Map<String, Supplier<Number>> exportedValues() {
        return Map.of("last-version-applied", this::getLastVersionApplied, "lag-versions", this::getLagVersions,
                "versions-skipped-total", this::getVersionsSkipped);
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
        countActions(actions);
    }

    public void skipped() {
        versionsSkipped.incrementAndGet();
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
        return actions();
    }
}
