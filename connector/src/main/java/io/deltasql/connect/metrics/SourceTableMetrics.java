package io.deltasql.connect.metrics;

/** Per-table source metrics, registered for the life of a source task. */
public final class SourceTableMetrics extends TableMetrics implements SourceTableMetricsMXBean {
    private final String location;
    private volatile long lastVersionRead = -1;
    private volatile long lastVersionTimestamp;
    private volatile long newestVersionSeen = -1;

    private SourceTableMetrics(String context, String table, String location, boolean register) {
        super("source-task", context, table, register);
        this.location = location;
        registerIfNamed();
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
    public long getActionsRead() {
        return actions();
    }
}
