package io.deltasql.connect.record;

import io.deltasql.log.Origin;

/**
 * One action of one Delta version as it travels through Kafka: the unit both connectors agree on.
 *
 * @param table     the table's name (also the default topic suffix and the SQL table name)
 * @param location  where the table lives ({@code s3a://…}, {@code file:///…}); the sink registers it
 * @param version   the Delta version
 * @param index     0-based position of the action inside its version
 * @param count     how many actions the version has, so a consumer knows when the version is complete
 * @param origin    a commit, or a checkpoint used as the base state at this version
 * @param timestamp the version's commit time, epoch millis
 * @param type      the action's key in the log ({@code add}, {@code metaData}, …; the raw key for unknown actions)
 * @param action    the action exactly as in the log, one JSON object ({@code {"add":{…}}})
 */
public record VersionRecord(String table, String location, long version, long index, long count, Origin origin,
                            long timestamp, String type, String action) {

    /** Whether this is the last action of its version. */
    public boolean lastOfVersion() {
        return index == count - 1;
    }
}
