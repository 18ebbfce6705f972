package io.deltasql.connect.source;

import io.deltasql.connect.metrics.SourceTableMetrics;
import io.deltasql.connect.record.VersionRecord;
import io.deltasql.connect.record.VersionRecordCodec;
import io.deltasql.log.ActionJson;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.UnknownAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails one Delta table: turns its versions into records, one per action, a bounded number at a
 * time, and knows where it stands (version, index) so that a restart resumes inside a version.
 * Single-threaded: owned by one source task.
 */
public final class TableReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableReader.class);

    private final TableSpec table;
    private final String topic;
    private final VersionFeed feed;
    private final long pollIntervalMs;
    private final Long upToVersion;
    private final SourceTableMetrics metrics;
    private final RecordSizeLimit sizeLimit;
    private final Map<String, Object> sourcePartition;

    /** The first version not yet fully sent. */
    private long nextVersion;
    /** Actions of {@link #nextVersion} already sent before a restart, to skip when it is re-opened. */
    private long skip;
    /** The origin of {@link #nextVersion} as sent before a restart; null if unknown. */
    private Origin skipOrigin;
    private boolean checkpointBase;
    private long nextCheckAt;

    private CloseableIterator<VersionBatch> batches;
    private VersionBatch current;
    private CloseableIterator<ActionJson> actions;
    private long index;
    /** The record key of {@link #current}: the same for every action of a version, so built once. */
    private Struct currentKey;

    /**
     * @param resumeFrom the stored offset, or null for a table never read (then {@code startMode} applies)
     */
    public TableReader(TableSpec table, String topic, VersionFeed feed, SourceOffset resumeFrom, StartMode startMode,
                       long pollIntervalMs, Long upToVersion, SourceTableMetrics metrics, RecordSizeLimit sizeLimit) {
        this.table = table;
        this.topic = topic;
        this.feed = feed;
        this.pollIntervalMs = pollIntervalMs;
        this.upToVersion = upToVersion;
        this.metrics = metrics;
        this.sizeLimit = sizeLimit;
        this.sourcePartition = SourceOffset.partition(table.location());
        if (resumeFrom == null) {
            nextVersion = 0;
            checkpointBase = startMode == StartMode.CHECKPOINT;
        } else {
            nextVersion = resumeFrom.resumeVersion();
            skip = resumeFrom.actionsToSkip();
            skipOrigin = resumeFrom.origin();
            metrics.versionRead(resumeFrom.complete() ? resumeFrom.version() : resumeFrom.version() - 1, 0);
        }
    }

    public TableSpec table() {
        return table;
    }

    /** The first version not yet fully sent. */
    public long nextVersion() {
        return nextVersion;
    }

    /** When this reader next wants to list the log, if it has nothing in hand. */
    public long nextCheckAt() {
        return actions != null || batches != null ? 0 : nextCheckAt;
    }

    /**
     * Up to {@code budget} records. {@code versionEnds} receives each record that is the last of its
     * version (the transaction boundary for exactly-once delivery).
     */
    public List<SourceRecord> poll(int budget, long now, List<SourceRecord> versionEnds) {
        List<SourceRecord> out = new ArrayList<>(Math.min(budget, 1024));
        try {
            while (out.size() < budget) {
                if (actions == null && !openNextVersion(now)) {
                    break;
                }
                if (!actions.hasNext()) {
                    throw new ConnectException("table " + table.name() + " (" + table.location() + "): version "
                            + current.version() + " announced " + current.actionCount() + " actions but yielded "
                            + index + "; the log changed while it was read or a reader bug — restart the task");
                }
                SourceRecord record = record(actions.next());
                out.add(record);
                index++;
                if (index == current.actionCount()) {
                    versionEnds.add(record);
                    finishVersion();
                }
            }
        } catch (ActionTooLargeException e) {
            resetToPosition();
            if (out.isEmpty()) {
                throw e;
            }
            // Send what precedes it first; the next poll starts at this action and fails there.
        } catch (RuntimeException e) {
            // Keep the position: the next poll re-opens the version and skips what was sent.
            resetToPosition();
            throw e;
        }
        metrics.actionsRead(out.size());
        return out;
    }

    private boolean openNextVersion(long now) {
        while (true) {
            if (batches == null) {
                if (upToVersion != null && nextVersion > upToVersion) {
                    return false;
                }
                if (now < nextCheckAt) {
                    return false;
                }
                nextCheckAt = now + pollIntervalMs;
                long newest = feed.newestVersionFrom(nextVersion);
                metrics.newestVersionSeen(newest);
                if (newest < nextVersion) {
                    metrics.idleListing();
                    return false;
                }
                if (skip > 0 && skipOrigin == Origin.CHECKPOINT) {
                    // Resume inside a checkpoint base: read exactly that checkpoint again, not the commit.
                    batches = feed.versionsFrom(nextVersion, nextVersion, true);
                } else {
                    batches = feed.versionsFrom(nextVersion, upToVersion, checkpointBase);
                }
            }
            if (!batches.hasNext()) {
                batches.close();
                batches = null;
                return false;
            }
            VersionBatch batch = batches.next();
            if (batch.version() < nextVersion) {
                continue; // defensive: never re-send a version already complete
            }
            checkpointBase = false;
            if (batch.version() > nextVersion && skip > 0) {
                LOG.warn("table {}: version {} was partly sent before a restart but the log now starts at {}; "
                        + "continuing from there", table.name(), nextVersion, batch.version());
                skip = 0;
            }
            if (batch.version() == nextVersion && skip > 0 && skipOrigin != null && skipOrigin != batch.origin()) {
                LOG.warn("table {}: version {} was partly sent as a {} and is now read as a {}; sending it again "
                        + "from its first action (the sink restarts the version)", table.name(), nextVersion,
                        skipOrigin, batch.origin());
                skip = 0;
            }
            current = batch;
            nextVersion = batch.version();
            if (batch.actionCount() == 0) {
                finishVersion();
                continue;
            }
            // With their JSON text: a commit's own lines, so the actions are not serialised again.
            actions = batch.actions().openJson();
            currentKey = VersionRecordCodec.key(table.name(), batch.version());
            index = 0;
            while (index < skip && actions.hasNext()) {
                actions.next();
                index++;
            }
            skip = 0;
            skipOrigin = null;
            if (index >= batch.actionCount()) {
                finishVersion();
                continue;
            }
            return true;
        }
    }

    private void finishVersion() {
        if (actions != null) {
            actions.close();
            actions = null;
        }
        metrics.versionRead(current.version(), current.timestamp());
        nextVersion = current.version() + 1;
        current = null;
        index = 0;
    }

    private void resetToPosition() {
        if (current != null) {
            skip = Math.max(skip, index);
            skipOrigin = current.origin();
            nextVersion = current.version();
        }
        closeQuietly();
        // Retry after one interval, not at once: a storage outage must not turn into a busy loop.
        nextCheckAt = System.currentTimeMillis() + pollIntervalMs;
    }

    private SourceRecord record(ActionJson next) {
        Action action = next.action();
        String type = action instanceof UnknownAction u ? u.key() : action.type().key();
        VersionRecord r = new VersionRecord(table.name(), table.location(), current.version(), index,
                current.actionCount(), current.origin(), current.timestamp(), type, next.json());
        sizeLimit.check(r); // before the producer refuses it with a message that names neither table nor version
        SourceOffset offset = new SourceOffset(current.version(), index, index == current.actionCount() - 1,
                current.origin());
        // Partition 0 always: each table has its own topic, and one partition keeps its actions in order.
        return new SourceRecord(sourcePartition, offset.toMap(), topic, 0,
                VersionRecordCodec.KEY_SCHEMA, currentKey,
                VersionRecordCodec.VALUE_SCHEMA, VersionRecordCodec.value(r), current.timestamp());
    }

    private void closeQuietly() {
        try {
            if (actions != null) {
                actions.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("closing actions of {}", table.name(), e);
        }
        try {
            if (batches != null) {
                batches.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("closing versions of {}", table.name(), e);
        }
        actions = null;
        batches = null;
        current = null;
        index = 0;
    }

    @Override
    public void close() {
        closeQuietly();
        feed.close();
    }
}
