package io.deltasql.connect.sink;

import io.deltasql.connect.metrics.SinkTableMetrics;
import io.deltasql.connect.record.VersionRecord;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.MalformedActionException;
import io.deltasql.store.GapException;
import io.deltasql.store.VersionWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reassembles one table's versions from its records and pushes them through the writer: begin at
 * index 0, add each action, end at index count-1, commit only between versions. Knows the Kafka
 * offset up to which PostgreSQL holds everything, which is all the sink ever commits to Kafka.
 *
 * <p>Re-delivery is harmless: versions at or below the last one ended and actions already added to
 * the open version are skipped. A missing record fails the task: a version is never half-applied.
 *
 * <p>Commits run in the writer's background ({@link VersionWriter#commitInBackground(Runnable)}), so the task
 * goes back to Kafka for the next records while PostgreSQL commits the last ones. Each such commit is
 * remembered with the offset after its last record; that offset becomes what Kafka may commit only
 * once the writer's head has reached the commit's last version. A commit that fails surfaces at a
 * later writer call; the partition is then read again from the first record of the oldest commit the
 * head did not reach.
 */
final class TableApplier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableApplier.class);

    private final String table;
    private final TopicPartition tp;
    private final VersionWriter writer;
    private final SinkTableMetrics metrics;
    private final long commitMaxActions;

    /** The version being received (its first record), or null between versions. */
    private VersionRecord open;
    private boolean openSkipped;
    private long expected;
    /** The highest version ended (applied or skipped), committed or not. */
    private long lastEnded;
    private long pendingVersions;
    private long pendingActions;
    private long pendingTimestamp;
    private boolean pendingFromEarlierPut;
    /** Offset after the last record at which no version was open. */
    private long safeOffset = -1;
    /** Offset after the last record PostgreSQL holds: what Kafka may commit. */
    private long committedOffset = -1;
    private long firstUncommittedOffset = -1;
    /** A reading of a version that was replaced by another reading (see {@link #restart}). */
    private VersionRecord superseded;
    private final Set<Long> rewoundVersions = new HashSet<>();
    /** Commits handed to the writer's background and not yet seen in its head, oldest first. */
    private final Deque<InFlight> inFlight = new ArrayDeque<>();

    /**
     * A background commit: its last version, the offset after its last record, and the offset of its
     * first record (where to read again if it fails).
     */
    private record InFlight(long version, long offset, long firstOffset) {
    }

    TableApplier(String table, TopicPartition tp, VersionWriter writer, SinkTableMetrics metrics, long commitMaxActions) {
        this.table = table;
        this.tp = tp;
        this.writer = writer;
        this.metrics = metrics;
        this.commitMaxActions = commitMaxActions;
        this.lastEnded = writer.head();
        metrics.head(lastEnded);
    }

    String table() {
        return table;
    }

    TopicPartition topicPartition() {
        return tp;
    }

    long head() {
        return writer.head();
    }

    /** Offset after the last record PostgreSQL holds, or -1 if nothing was committed by this task. */
    long committedOffset() {
        settle();
        return committedOffset;
    }

    /**
     * Waits for the commits running in the writer's background, then says what PostgreSQL holds
     * ({@link #committedOffset()}). A failure of theirs is not thrown here: it surfaces at the next
     * record, where the task rewinds the partition.
     */
    long awaitCommittedOffset() {
        writer.awaitBackgroundCommits();
        return committedOffset();
    }

    /** Moves the committed offset over the background commits the writer's head has reached. */
    private void settle() {
        long head = writer.head();
        while (!inFlight.isEmpty() && inFlight.peekFirst().version() <= head) {
            committedOffset = inFlight.pollFirst().offset();
        }
    }

    /**
     * Where to read the partition again so that a new writer sees exactly what this one had not
     * committed: after the last record PostgreSQL holds, or — before this applier committed anything —
     * its first record. Whole versions either way, never the middle of one.
     */
    long resumeOffset() {
        settle();
        if (committedOffset >= 0) {
            return committedOffset;
        }
        return inFlight.isEmpty() ? firstUncommittedOffset : inFlight.peekFirst().firstOffset();
    }

    /** Counts an error in the table's metrics (they stay registered while the task lives). */
    void failed(Throwable t) {
        metrics.error(t);
    }

    /**
     * Takes one record. Returns null, or the Kafka offset the partition must be rewound to (the
     * caller then drops the rest of this batch for the partition).
     */
    Long accept(long offset, VersionRecord r) {
        return accept(offset, r, Long.MAX_VALUE);
    }

    /**
     * Like {@link #accept(long, VersionRecord)}, knowing that {@code recordsAfter} more records of the
     * partition follow in this batch. A version that cannot end within them continues in a later
     * put(), perhaps much later (its source stalled mid-version): the versions completed before it are
     * committed first rather than held in an open transaction until it ends.
     */
    Long accept(long offset, VersionRecord r, long recordsAfter) {
        if (firstUncommittedOffset < 0) {
            firstUncommittedOffset = offset;
        }
        metrics.received(r.version());
        if (open != null) {
            if (r.version() == open.version()) {
                if (sameReading(r, open)) {
                    if (r.index() < expected) {
                        return null; // re-delivered action of the open version
                    }
                    if (r.index() > expected) {
                        throw missing(r, offset, "expected action " + expected + " of " + open.count());
                    }
                    add(r, offset);
                    return null;
                }
                if (superseded != null && sameReading(r, superseded)) {
                    return null;
                }
                if (r.index() == 0) {
                    return restart(r);
                }
                throw missing(r, offset, "got an action of version " + r.version() + " read as " + r.origin()
                        + " with " + r.count() + " actions while " + open.origin() + " with " + open.count()
                        + " was open");
            }
            if (r.version() <= lastEnded) {
                return null;
            }
            throw missing(r, offset, "version " + open.version() + " stopped at action " + expected + " of "
                    + open.count() + " and version " + r.version() + " began");
        }
        if (r.version() <= lastEnded || (superseded != null && sameReading(r, superseded))) {
            if (r.index() == 0 && r.version() <= lastEnded) {
                metrics.skipped();
            }
            safeOffset = offset + 1;
            return null;
        }
        if (r.index() != 0) {
            if (rewoundVersions.add(r.version()) && offset - r.index() >= 0) {
                LOG.warn("table {}: action {} of version {} arrived at {} offset {} without the actions before it; "
                        + "rewinding to offset {}", table, r.index(), r.version(), tp, offset, offset - r.index());
                firstUncommittedOffset = Math.min(firstUncommittedOffset, offset - r.index());
                return offset - r.index();
            }
            throw new ConnectException("table " + table + ": action " + r.index() + " of version " + r.version()
                    + " arrived at " + tp + " offset " + offset + " without the actions before it, also after "
                    + "rewinding; the topic no longer holds the start of the version (retention?). PostgreSQL holds "
                    + "the table up to version " + writer.head() + ": rewind the source connector to version "
                    + (writer.head() + 1) + " (PATCH /connectors/<source>/offsets) or re-import with deltasql import");
        }
        if (pendingVersions > 0 && r.count() - 1 > recordsAfter) {
            commit();
            firstUncommittedOffset = offset; // this record starts what is not committed
        }
        begin(r);
        add(r, offset);
        return null;
    }

    private void begin(VersionRecord r) {
        try {
            openSkipped = writer.beginVersion(r.version(), r.origin(), r.timestamp(), r.count())
                    == VersionWriter.ApplyOutcome.SKIPPED;
        } catch (GapException e) {
            throw new ConnectException("table " + table + ": version " + r.version() + " cannot follow version "
                    + e.head() + " in PostgreSQL; the versions between are missing from " + tp
                    + " (topic retention, or the source started later). Rewind the source connector to version "
                    + (e.head() + 1) + " (PATCH /connectors/<source>/offsets) or re-import with deltasql import", e);
        }
        open = r;
        expected = 0;
        if (openSkipped) {
            metrics.skipped();
        }
    }

    private void add(VersionRecord r, long offset) {
        if (!openSkipped) {
            Action action;
            try {
                action = ActionCodec.parse(r.action());
            } catch (MalformedActionException e) {
                writer.rollback();
                resetToHead();
                throw new BadRecordException("table " + table + ": action " + r.index() + " of version " + r.version()
                        + " at " + tp + " offset " + offset + " is not a Delta action (" + e.getMessage()
                        + "); nothing of the version was applied — fix the producer or skip the record by moving "
                        + "the sink's offset", e);
            }
            writer.add(action);
        }
        expected++;
        if (expected == open.count()) {
            writer.endVersion();
            lastEnded = open.version();
            if (!openSkipped) {
                pendingVersions++;
                pendingActions += open.count();
                pendingTimestamp = open.timestamp();
            }
            open = null;
            superseded = null;
            safeOffset = offset + 1;
            if (pendingActions >= commitMaxActions || pendingFromEarlierPut) {
                commit();
            }
        }
    }

    /** The same version arrives again from index 0 but read differently (e.g. a checkpoint instead of a commit). */
    private Long restart(VersionRecord r) {
        LOG.warn("table {}: version {} arrives again read as {} with {} actions while {} with {} actions was open; "
                + "discarding what is not committed and re-reading from offset {}", table, r.version(), r.origin(),
                r.count(), open.origin(), open.count(), firstUncommittedOffset);
        superseded = open;
        writer.rollback();
        resetToHead();
        return firstUncommittedOffset;
    }

    private void resetToHead() {
        settle();
        if (!inFlight.isEmpty()) { // rolled back: the writer's head did not reach them
            firstUncommittedOffset = inFlight.peekFirst().firstOffset();
            inFlight.clear();
        }
        open = null;
        pendingVersions = 0;
        pendingActions = 0;
        pendingFromEarlierPut = false;
        lastEnded = writer.head();
        safeOffset = committedOffset;
    }

    private ConnectException missing(VersionRecord r, long offset, String what) {
        long version = open.version();
        writer.rollback();
        resetToHead();
        return new ConnectException("table " + table + ": version " + version + " is incomplete in " + tp
                + " at offset " + offset + ": " + what + ". A record was lost (topic retention, a record dropped "
                + "with errors.tolerance=all, or a foreign producer). Nothing of version " + version
                + " was applied; PostgreSQL holds the table up to version " + writer.head()
                + ". Rewind the source connector to that version + 1 or re-import with deltasql import");
    }

    private static boolean sameReading(VersionRecord a, VersionRecord b) {
        return a.version() == b.version() && a.origin() == b.origin() && a.count() == b.count();
    }

    private void commit() {
        try {
            // The writer queues what it buffered for the group here, so a failure (of this group's
            // earlier sends, or of an earlier background commit) may surface now. The metrics move
            // when PostgreSQL has committed, on the writer's thread.
            long version = lastEnded;
            long timestamp = pendingTimestamp;
            long versions = pendingVersions;
            long actions = pendingActions;
            writer.commitInBackground(() -> metrics.committed(version, timestamp, versions, actions));
        } catch (RuntimeException e) {
            resetToHead(); // the writer rolled back every version not committed
            throw e;
        }
        // With nothing new to commit (only skipped versions) the head is already there: settle() takes it at once.
        inFlight.addLast(new InFlight(lastEnded, safeOffset, firstUncommittedOffset));
        settle();
        pendingVersions = 0;
        pendingActions = 0;
        pendingFromEarlierPut = false;
        firstUncommittedOffset = -1;
    }

    /** End of a put(): commit what is complete, unless a version is still open (it may continue in the next put). */
    void endOfBatch() {
        settle();
        if (open == null) {
            if (pendingVersions > 0) {
                commit();
            } else if (safeOffset > committedOffset && inFlight.isEmpty()) {
                committedOffset = safeOffset; // only re-delivered records: nothing to write
                firstUncommittedOffset = -1;
            }
        } else if (pendingVersions > 0) {
            pendingFromEarlierPut = true;
        }
    }

    /** Discards what is not committed (also a version begun) and releases the table; the metrics stay the task's. */
    @Override
    public void close() {
        try {
            writer.rollback();
        } finally {
            writer.close();
        }
    }
}
