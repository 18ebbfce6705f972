package io.deltasql.connect.metrics;

import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/** Per-table source metrics, registered for the life of a source task. */
public final class SourceTableMetrics implements SourceTableMetricsMXBean, AutoCloseable {
    private final String table;
    private final String location;
    private final ObjectName name;
    private volatile long lastVersionRead = -1;
    private volatile long lastVersionTimestamp;
    private volatile long newestVersionSeen = -1;
    private final AtomicLong actionsRead = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final RateMeter rate = new RateMeter();
    private volatile String lastError = "";

    private SourceTableMetrics(String context, String table, String location, boolean register) {
        this.table = table;
        this.location = location;
        this.name = register ? MBeans.name("source-task", context, table) : null;
        if (register) {
            MBeans.register(this, name);
        }
    }

    /** Registered under {@code io.deltasql.connect:type=source-task,context=<context>,table=<table>}. */
    public static SourceTableMetrics register(String context, String table, String location) {
        return new SourceTableMetrics(context, table, location, true);
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

    public void actionsRead(long n) {
        if (n > 0) {
            actionsRead.addAndGet(n);
            rate.mark(n);
        }
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
    public long getActionsRead() {
        return actionsRead.get();
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
