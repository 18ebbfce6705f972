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

    /**
     * Listings of the log that found nothing after the last version read: a positive sign that the source
     * has looked and is caught up (it grows once per poll interval while the table is idle).
     */
    long getIdleListings();

    long getActionsRead();

    double getActionsPerSecond();

    long getErrors();

    String getLastError();
}
