package io.deltasql.connect.metrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.PluginMetrics;

/** Per-table source metrics, registered for the life of a source task. */
public final class SourceTableMetrics extends TableMetrics implements SourceTableMetricsMXBean {
    private final String location;
    private volatile long lastVersionRead = -1;
    private volatile long lastVersionTimestamp;
    private volatile long newestVersionSeen = -1;
    private final AtomicLong idleListings = new AtomicLong();

    private SourceTableMetrics(String context, String table, String location, boolean register) {
        super("source-task", context, table, register);
        this.location = location;
        registerIfNamed();
    }

    /**
     * Registered under {@code io.deltasql.connect:type=source-task,context=<context>,table=<table>}, and in the
     * task's plugin metrics when {@code plugin} is not null.
     */
    public static SourceTableMetrics register(String context, String table, String location, PluginMetrics plugin) {
        SourceTableMetrics m = new SourceTableMetrics(context, table, location, true);
        m.export(plugin);
        return m;
    }

    @Override
    Map<String, Supplier<Number>> exportedValues() {
        return Map.of("last-version-read", this::getLastVersionRead, "lag-versions", this::getLagVersions,
                "idle-listings-total", this::getIdleListings);
    }

    /** Not registered: for unit tests. */
    public static SourceTableMetrics unregistered(String table) {
        return new SourceTableMetrics("", table, "", false);
    }

    public void versionRead(long version, long timestamp) {
        lastVersionRead = version;
        lastVersionTimestamp = timestamp;
        if (version > newestVersionSeen) {
            newestVersionSeen = version;
        }
    }

    public void newestVersionSeen(long version) {
        if (version > newestVersionSeen) {
            newestVersionSeen = version;
        }
    }

    /** The log was listed and held nothing after the last version read: the table is caught up. */
    public void idleListing() {
        idleListings.incrementAndGet();
    }

    public void actionsRead(long n) {
        if (n > 0) {
            countActions(n);
        }
    }

    @Override
    public String getLocation() {
        return location;
    }

    @Override
    public long getLastVersionRead() {
        return lastVersionRead;
    }

    @Override
    public long getNewestVersionSeen() {
        return newestVersionSeen;
    }

    @Override
    public long getLagVersions() {
        return Math.max(0, newestVersionSeen - lastVersionRead);
    }

    @Override
    public long getLagSeconds() {
        if (getLagVersions() == 0 || lastVersionTimestamp == 0) {
            return 0;
        }
        return Math.max(0, (System.currentTimeMillis() - lastVersionTimestamp) / 1000);
    }

    @Override
    public long getIdleListings() {
        return idleListings.get();
    }

    @Override
    public long getActionsRead() {
        return actions();
    }
}
