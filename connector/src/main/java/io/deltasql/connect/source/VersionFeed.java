package io.deltasql.connect.source;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.VersionBatch;

/**
 * What the source needs from a Delta table: "is there anything new?" cheaply, and the versions from
 * a point on, streamed. {@link DeltaLogFeed} implements it on delta-log's {@code DeltaLog}.
 */
public interface VersionFeed extends AutoCloseable {

    /**
     * The newest version in the log if it is at least {@code fromVersion}, else -1. Lists only the
     * log files after {@code fromVersion - 1}, so an idle table costs one small listing.
     */
    long newestVersionFrom(long fromVersion);

    /**
     * Versions {@code fromVersion..upToVersion} (null: the newest now), each streamed. Where the
     * commits before a point were cleaned up, the first batch is a checkpoint base. With
     * {@code checkpointBase} the newest checkpoint at or before the end is the first batch.
     */
    CloseableIterator<VersionBatch> versionsFrom(long fromVersion, Long upToVersion, boolean checkpointBase);

    @Override
    void close();
}
