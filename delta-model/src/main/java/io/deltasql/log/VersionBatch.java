package io.deltasql.log;

/**
 * One version of a Delta table as both drivers hand it to the writer: the CLI import directly, the
 * Kafka Connect source as one record per action and the sink reassembled.
 *
 * @param version     the Delta version
 * @param origin      a commit, or a checkpoint used as the base state at this version
 * @param timestamp   the commit time in epoch millis: {@code inCommitTimestamp} where the table has
 *                    it, else the commit file's modification time (for a checkpoint base: that of
 *                    the checkpoint)
 * @param actionCount how many actions {@link #actions()} yields; known before streaming them, so a
 *                    consumer can tell when a version is complete
 * @param actions     the actions, streamed, in log order
 */
public record VersionBatch(long version, Origin origin, long timestamp, long actionCount, ActionSource actions) {
}
