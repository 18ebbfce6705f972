package io.deltasql.connect.metrics;

/** What a source task reports per table over JMX. */
public interface SourceTableMetricsMXBean {
    String getTable();

    String getLocation();

    /** The last version whose every action was sent; -1 before the first. */
    long getLastVersionRead();

    /** The newest version seen in the log at the last listing; -1 before the first. */
    long getNewestVersionSeen();

    /** Versions in the log not yet fully sent. */
    long getLagVersions();

    /** Seconds between now and the commit time of the last version sent, while behind; 0 when caught up. */
    long getLagSeconds();

    long getActionsRead();

    double getActionsPerSecond();

    long getErrors();

    String getLastError();
}
