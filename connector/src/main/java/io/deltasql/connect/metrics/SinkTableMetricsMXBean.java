package io.deltasql.connect.metrics;

/** What a sink task reports per table over JMX. */
public interface SinkTableMetricsMXBean {
    String getTable();

    /** The last version committed to PostgreSQL (the table's head); -1 before the first. */
    long getLastVersionApplied();

    /** The highest version seen in a record; -1 before the first. */
    long getLastVersionReceived();

    /** Versions received but not yet committed. */
    long getLagVersions();

    /** Seconds between now and the commit time of the last version applied. */
    long getLagSeconds();

    long getVersionsApplied();

    /** Versions at or below the head that arrived again (at-least-once re-delivery) and were ignored. */
    long getVersionsSkipped();

    long getActionsApplied();

    double getActionsPerSecond();

    long getErrors();

    String getLastError();
}
