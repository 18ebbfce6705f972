package io.deltasql.store;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;

/**
 * The one writer both drivers use: it applies Delta versions of one registered table to its store
 * ({@link MetadataStore#writer}: PostgreSQL or SQLite).
 *
 * <p>Contract:
 * <ul>
 *   <li>A transaction holds whole versions only — their actions, the file intervals they close and
 *       open, and the table's head. Readers never see half a version.</li>
 *   <li>A version at or below the head is skipped (counted, harmless re-delivery); a commit above
 *       head + 1 is refused ({@link GapException}). A checkpoint base may start a table or jump over
 *       a missing range, which is recorded.</li>
 *   <li>Only one writer per table at a time: opening a second fails fast ({@link TableBusyException}).</li>
 * </ul>
 *
 * <p>Two ways in. The CLI pulls: {@link #apply(VersionBatch)}. The Kafka sink, whose records of one
 * version arrive across several {@code put()} calls, pushes: {@link #beginVersion}, {@link #add},
 * {@link #endVersion}, then {@link #commit()} when it wants the work durable. {@code apply} is
 * exactly that sequence.
 */
public interface VersionWriter extends AutoCloseable {

    /** The table this writer writes. */
    RegisteredTable table();

    /** The last version the store has committed, or -1 for a table with no version yet. */
    long head();

    /**
     * Applies one whole version and commits it (possibly together with the versions before it, when
     * group commit is on). Returns whether it was applied or skipped.
     */
    ApplyOutcome apply(VersionBatch batch);

    /**
     * Applies every batch, committing per group (see {@code WriterOptions}) and at the end; closes the
     * iterator. Returns how many were applied. A failure rolls back what is not committed.
     */
    long applyAll(CloseableIterator<VersionBatch> batches);

    /** Starts a version; throws {@link GapException} if it would leave a gap. Returns SKIPPED for a version ≤ head. */
    ApplyOutcome beginVersion(long version, Origin origin, long timestamp, long actionCount);

    /** Adds the next action of the version begun; ignored while a skipped version is open. */
    void add(Action action);

    /**
     * Ends the version begun: checks that {@code actionCount} actions arrived, closes and opens
     * intervals and advances the head, all inside the open transaction (not yet committed).
     */
    void endVersion();

    /**
     * Commits every version ended since the last commit, and returns when they are durable (also
     * those handed to {@link #commitInBackground(Runnable)} before). No-op when nothing is pending.
     */
    void commit();

    /**
     * Starts committing every version ended so far and returns without waiting, so the caller can
     * prepare the next versions while the store commits: {@link #head()} moves once the commit has
     * run. A failure surfaces at a later call ({@link #beginVersion}, {@link #commit}, …), which then
     * rolls back everything {@code head()} does not hold. No-op when nothing is pending.
     *
     * @param onCommitted run once the commit has succeeded, on the writer's own thread (so it must be
     *                    quick and thread-safe: metrics, say); null for nothing
     */
    void commitInBackground(Runnable onCommitted);

    /**
     * Waits until the commits started with {@link #commitInBackground(Runnable)} have run, so that
     * {@link #head()} says what they made durable. Never throws: a failure of theirs is kept for the
     * next call, as if this wait had not happened.
     */
    void awaitBackgroundCommits();

    /** Discards every version not yet committed, including a version begun and not ended. */
    void rollback();

    /** Totals since this writer was opened. */
    WriteStats stats();

    /** Rolls back what is not committed and releases the table. */
    @Override
    void close();

    enum ApplyOutcome { APPLIED, SKIPPED }
}
