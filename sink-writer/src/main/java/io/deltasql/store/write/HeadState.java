package io.deltasql.store.write;

import io.deltasql.log.Origin;
import io.deltasql.store.GapException;

/**
 * Where a writer stands in its table's versions: what the store has committed, what this writer
 * has ended since (pending), and which of those have been sent to the store (flushed) — the order
 * rules of {@link io.deltasql.store.VersionWriter} in one place, for every store.
 *
 * <p>{@code committed ≤ flushed ≤ pending}. Rows sent but not committed move {@code flushed}; a
 * commit moves {@code committed}; a rollback puts everything back to {@code committed}.
 */
public final class HeadState {
    /** The last version the store has committed; written by the thread that runs the commit. */
    private volatile long committed;
    private long pending;
    private long flushed;
    /** The first version ended since the last send (the table's first_version when it had none). */
    private long firstUnflushed;

    public HeadState(long committed) {
        this.committed = committed;
        this.pending = committed;
        this.flushed = committed;
    }

    public long committed() {
        return committed;
    }

    public long pending() {
        return pending;
    }

    /** Whether {@code version} is at or below the pending head: a re-delivery, skipped. */
    public boolean isApplied(long version) {
        return version <= pending;
    }

    /** Throws {@link GapException} when a commit {@code version} would leave a gap after the pending head. */
    public void checkOrder(String table, long version, Origin origin) {
        if (origin == Origin.COMMIT && version > pending + 1) {
            throw new GapException(table, pending, version);
        }
    }

    /** A version was ended in the open transaction. */
    public void ended(long version) {
        if (pending == flushed) {
            firstUnflushed = version;
        }
        pending = version;
    }

    /** Whether versions were ended since the last send. */
    public boolean hasUnflushed() {
        return pending > flushed;
    }

    /**
     * The versions ended since the last send, now being sent: the store's head moves from
     * {@code from} to {@code to} with them.
     */
    public Unflushed takeUnflushed() {
        Unflushed u = new Unflushed(flushed, pending, firstUnflushed);
        flushed = pending;
        return u;
    }

    /** The store has committed up to {@code version} (may run on the store's own thread). */
    public void committedUpTo(long version) {
        committed = version;
    }

    /** Everything after the committed head was rolled back. */
    public void reset() {
        pending = committed;
        flushed = committed;
    }

    /** Versions {@code from + 1 .. to} moving the head; {@code first} is the first of them ended. */
    public record Unflushed(long from, long to, long first) {
        public boolean moves() {
            return to > from;
        }
    }
}
