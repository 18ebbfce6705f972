package io.deltasql.store.postgres;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffered rows of a dl_* table whose last column is the version that ends them
 * ({@code removed_version} of a file, {@code superseded_version} of metadata, protocol, txn and
 * domain metadata), for the rows of a group of versions not yet sent.
 *
 * <p>Why: ending an interval used to need every earlier row in the database first, so a version that
 * re-added or removed a file added a few versions before sent the whole buffer (round trips, small
 * COPYs). Here a row ended by a later version of the same group gets its end set in memory; only the
 * first end of each key in the group can hit a row already in the database, and those go out as one
 * statement per table before the group's COPY ({@link #databaseEnds()}).
 *
 * <p>Rows of a checkpoint version are never ended inside the group (the writer sends the buffers when
 * a checkpoint ends), so they go straight to the COPY buffer with an open end.
 */
final class IntervalRows {
    /** The first version of this group that ends the live row of a key in the database. */
    record DatabaseEnd(String key, long version) {
    }

    private static final class Pending {
        final String row;
        final long version;
        long endVersion = -1;

        Pending(String row, long version) {
            this.row = row;
            this.version = version;
        }
    }

    private final CopyBuffer out;
    /** A detached row being written, to keep while its end is still open. */
    private final CopyBuffer scratch;
    private final List<Pending> pending = new ArrayList<>();
    /** key → the buffered row that is live for it (the latest one added). */
    private final Map<String, Pending> live = new HashMap<>();
    /** key → the first version of the group that touched it: ends the database's live row, if any. */
    private final Map<String, Long> firstTouch = new LinkedHashMap<>();
    private long pendingChars;
    /** False when the key surely has no live row in the database (see {@link AddedKeys}). */
    private final java.util.function.Predicate<String> mayBeInDatabase;

    IntervalRows(String copySql, int limitChars, java.util.function.Predicate<String> mayBeInDatabase) {
        this.out = new CopyBuffer(copySql, limitChars);
        this.scratch = new CopyBuffer(copySql, Integer.MAX_VALUE);
        this.mayBeInDatabase = mayBeInDatabase;
    }

    /**
     * An action of {@code version} ends the live row of {@code key} from an EARLIER version: a
     * buffered one gets its end now; the database's is ended when the group is sent (by the first
     * version that touched the key in this group: later ones find it ended already).
     */
    void touch(String key, long version) {
        Pending p = live.get(key);
        if (p != null) {
            if (p.version < version) {
                p.endVersion = version;
                live.remove(key);
            }
            return;
        }
        if (!firstTouch.containsKey(key) && mayBeInDatabase.test(key)) {
            firstTouch.put(key, version);
        }
    }

    /** Where the next row's columns go: a detached row when it may still be ended, else the COPY buffer. */
    CopyBuffer begin(boolean endable) {
        return endable ? scratch : out;
    }

    /** Ends a row begun with {@code begin(true)}: it is live for {@code key} until a later version touches the key. */
    void endEndable(String key, long version) {
        String row = scratch.takeRow();
        Pending p = new Pending(row, version);
        pending.add(p);
        live.put(key, p);
        pendingChars += row.length() + 24;
    }

    /** Ends a row begun with {@code begin(false)}: its end column stays open. */
    void endOpen() {
        out.text(null).endRow();
    }

    boolean isFull() {
        return out.length() + pendingChars >= out.limitChars();
    }

    boolean isEmpty() {
        return out.isEmpty() && pending.isEmpty() && firstTouch.isEmpty();
    }

    /** The ends of rows in the database, sent before this group's rows (txns and domains: their live index finds only the earlier row). */
    List<DatabaseEnd> databaseEnds() {
        List<DatabaseEnd> ends = new ArrayList<>(firstTouch.size());
        firstTouch.forEach((k, v) -> ends.add(new DatabaseEnd(k, v)));
        return ends;
    }

    /** Moves the buffered rows, with their ends, into the COPY buffer and forgets the group's keys. */
    CopyBuffer settle() {
        for (Pending p : pending) {
            out.appendRow(p.row, p.endVersion);
        }
        pending.clear();
        live.clear();
        firstTouch.clear();
        pendingChars = 0;
        return out;
    }

    void clear() {
        out.clear();
        scratch.clear();
        pending.clear();
        live.clear();
        firstTouch.clear();
        pendingChars = 0;
    }
}
