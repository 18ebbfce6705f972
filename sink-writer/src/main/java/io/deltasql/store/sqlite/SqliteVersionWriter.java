package io.deltasql.store.sqlite;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.SqliteTarget;
import io.deltasql.store.StoreException;
import io.deltasql.store.TableBusyException;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.WriteStats;
import io.deltasql.store.write.ActionColumns;
import io.deltasql.store.write.ActionColumns.Table;
import io.deltasql.store.write.AddedKeys;
import io.deltasql.store.write.GroupPolicy;
import io.deltasql.store.write.HeadState;
import io.deltasql.store.write.OpenVersion;
import io.deltasql.store.write.WriterOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite {@link VersionWriter}: each action's row goes into a prepared batch of its dl_* table
 * inside one transaction per group of whole versions ({@link SqliteGroups}: growing per commit); an
 * action that ends an earlier row (a remove, a re-add, a new metadata, …) ends it with one probe of
 * the live index. The head moves by compare-and-set before each COMMIT. In process, so no
 * background thread: the commit methods commit at once.
 *
 * <p>One writer per file: from open to close the writer holds its {@link WriterLease} (an OS lock
 * beside the file), and SQLite's own write lock ({@code BEGIN IMMEDIATE}, no waiting) from its
 * first version on, re-taking it right after each COMMIT; a second writer fails at once with
 * {@link SqliteErrors#busy}, even in the instant between a COMMIT and the re-take. Readers are
 * never blocked (WAL). Opening only checks SQLite's lock, so the store can record provenance
 * before the first version.
 */
public final class SqliteVersionWriter implements VersionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteVersionWriter.class);

    private final SqliteTarget target;
    private final RegisteredTable table;
    private final WriterOptions options;
    private final Connection conn;
    private final WriterLease lease;
    private SqliteRows rows;
    /** The current group's size: SQLite's first, doubled per commit ({@link SqliteGroups#next}). */
    private WriterOptions groupSize;
    private GroupPolicy group;
    private final AddedKeys addedKeys = new AddedKeys();
    private final WriteStats stats = new WriteStats();
    private HeadState head;
    private OpenVersion open;
    /** Inside BEGIN IMMEDIATE: this writer holds the file's write lock. */
    private boolean locked;

    private SqliteVersionWriter(SqliteTarget target, RegisteredTable table, WriterOptions options, Connection conn,
                                WriterLease lease) throws SQLException {
        this.target = target;
        this.table = table;
        this.options = options;
        this.conn = conn;
        this.lease = lease;
        this.groupSize = SqliteGroups.of(options);
        this.group = new GroupPolicy(groupSize);
    }

    static SqliteVersionWriter open(SqliteTarget target, RegisteredTable table, WriterOptions options) {
        WriterLease lease = WriterLease.take(target);
        Connection c;
        try {
            c = SqliteConnections.openWriter(target, options.synchronousCommit());
        } catch (SQLException e) {
            lease.close();
            throw SqliteErrors.wrap(target, "opening a writer for table " + table.name(), e);
        }
        try {
            SqliteVersionWriter w = new SqliteVersionWriter(target, table, options, c, lease);
            w.lock();
            w.head = new HeadState(w.readHead());
            w.rows = new SqliteRows(c, table.id().toString(), w.readTableNumber());
            w.unlock(); // held again from the first version on: see the class comment
            if (w.head.committed() < 0) {
                w.addedKeys.startKnown();
            }
            return w;
        } catch (SQLException e) {
            closeQuietly(c);
            lease.close();
            throw SqliteErrors.wrap(target, "opening a writer for table " + table.name(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            lease.close();
            throw e;
        }
    }

    @Override
    public RegisteredTable table() {
        return table;
    }

    @Override
    public long head() {
        return head.committed();
    }

    @Override
    public WriteStats stats() {
        return stats;
    }

    @Override
    public ApplyOutcome apply(VersionBatch batch) {
        ApplyOutcome outcome = applyUncommitted(batch);
        if (outcome == ApplyOutcome.APPLIED && group.full()) {
            commit();
        }
        return outcome;
    }

    @Override
    public long applyAll(CloseableIterator<VersionBatch> batches) {
        long applied = 0;
        try (batches) {
            while (batches.hasNext()) {
                if (apply(batches.next()) == ApplyOutcome.APPLIED) {
                    applied++;
                }
            }
            commit();
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
        return applied;
    }

    private ApplyOutcome applyUncommitted(VersionBatch batch) {
        ApplyOutcome outcome = beginVersion(batch.version(), batch.origin(), batch.timestamp(), batch.actionCount());
        if (outcome == ApplyOutcome.APPLIED) {
            try (CloseableIterator<Action> actions = batch.actions().open()) {
                while (actions.hasNext()) {
                    add(actions.next());
                }
            } catch (RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        }
        endVersion();
        return outcome;
    }

    @Override
    public ApplyOutcome beginVersion(long version, Origin origin, long timestamp, long actionCount) {
        if (open != null) {
            throw new IllegalStateException("version " + open.version + " of table " + table.name()
                    + " was begun and not ended; end it before beginning version " + version);
        }
        if (head.isApplied(version)) {
            stats.versionSkipped();
            open = OpenVersion.skipped(version);
            return ApplyOutcome.SKIPPED;
        }
        head.checkOrder(table.name(), version, origin);
        run("starting version " + version, () -> {
            if (!locked) {
                lock();
                checkHeadUnchanged();
            }
            if (origin == Origin.CHECKPOINT && head.pending() >= 0) {
                if (version > head.pending() + 1) {
                    recordMissingRange(head.pending() + 1, version - 1);
                }
                rows.endAllLive(version); // a checkpoint is the whole state
                addedKeys.startKnown(); // nothing is live now but what this writer adds
            }
        });
        group.versionBegun();
        open = OpenVersion.begun(version, origin, timestamp, actionCount);
        return ApplyOutcome.APPLIED;
    }

    @Override
    public void add(Action action) {
        if (open == null) {
            throw new IllegalStateException("add() outside a version of table " + table.name() + ": call beginVersion first");
        }
        if (open.skipped) {
            return;
        }
        OpenVersion v = open;
        run("writing version " + v.version, () -> {
            int ordinal = v.next(action, table.name());
            Table t = ActionColumns.tableOf(action);
            String key = null;
            if (t.hasInterval() || t == Table.REMOVE_FILES) {
                key = ActionColumns.intervalKey(action);
                if (t == Table.ADD_FILES || t == Table.REMOVE_FILES) {
                    if (v.commitsEarlierRows() && addedKeys.mayBeLive(key)) {
                        rows.end(Table.ADD_FILES, key, v.version);
                    }
                    if (t == Table.ADD_FILES) {
                        addedKeys.added(key);
                    }
                } else if (v.commitsEarlierRows()) {
                    rows.end(t, key, v.version);
                }
            }
            rows.insert(t, v.version, ordinal, action, key);
        });
    }

    @Override
    public void endVersion() {
        if (open == null) {
            throw new IllegalStateException("endVersion() without beginVersion() on table " + table.name());
        }
        OpenVersion v = open;
        if (v.skipped) {
            open = null;
            return;
        }
        run("ending version " + v.version, () -> {
            v.checkComplete(table.name());
            rows.versionRow(v.version, v.isCheckpoint(), v.timestamp, v.inCommitTimestamp(), v.operation(),
                    v.actionCount, v.typeCounts());
        });
        head.ended(v.version);
        v.countInto(stats);
        group.versionEnded(v.actionCount);
        open = null;
    }

    @Override
    public void commit() {
        if (open != null && !open.skipped) {
            throw new IllegalStateException("cannot commit inside version " + open.version + " of table " + table.name()
                    + ": a transaction holds whole versions only");
        }
        if (group.pendingVersions() == 0) {
            return;
        }
        long to = head.pending();
        run("committing up to version " + to, () -> {
            rows.sendAll();
            advanceHead(head.takeUnflushed());
            execute("COMMIT");
            locked = false;
        });
        head.committedUpTo(to);
        groupSize = SqliteGroups.next(groupSize);
        group = new GroupPolicy(groupSize);
        try {
            relock(); // keep the file's write lock between groups, so no other writer slips in
        } catch (SQLException | TableBusyException e) {
            LOG.debug("re-taking the write lock of {} after a commit failed; the next version will say why", target.file(), e);
        }
    }

    /** In process, a commit is as quick as a hand-over: done at once, then {@code onCommitted}. */
    @Override
    public void commitInBackground(Runnable onCommitted) {
        boolean any = group.pendingVersions() > 0;
        commit();
        if (any && onCommitted != null) {
            onCommitted.run();
        }
    }

    @Override
    public void awaitBackgroundCommits() {
        // commits run at once: nothing in the background
    }

    @Override
    public void rollback() {
        try {
            rollbackNow();
        } catch (SQLException e) {
            throw SqliteErrors.wrap(target, "rolling back table " + table.name(), e);
        }
    }

    @Override
    public void close() {
        rollbackQuietly();
        rows.close();
        closeQuietly(conn);
        lease.close();
    }

    // --- statements -------------------------------------------------------------------------------

    /** Takes the file's write lock without waiting, or says who has it. */
    private void lock() throws SQLException {
        try {
            execute("BEGIN IMMEDIATE");
            locked = true;
        } catch (SQLException e) {
            StoreException s = SqliteErrors.wrap(target, "taking the write lock", e);
            if (s instanceof TableBusyException busy) {
                throw busy;
            }
            throw e;
        }
    }

    /**
     * The lock again right after a COMMIT: another connection's short transaction (a registration
     * that found the lock free for that instant) may hold it; this writer waits for it, since it is
     * the one with an import under way.
     */
    private void relock() throws SQLException {
        execute("PRAGMA busy_timeout = " + SqliteConnections.RELOCK_BUSY_MILLIS);
        try {
            lock();
        } finally {
            execute("PRAGMA busy_timeout = 0");
        }
    }

    private void unlock() throws SQLException {
        execute("ROLLBACK");
        locked = false;
    }

    private long readHead() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT head_version FROM dl_tables WHERE table_id = ?")) {
            ps.setString(1, table.id().toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("table '" + table.name() + "' (" + table.id() + ") is not registered in "
                            + target.file() + " — was it deleted? register it again");
                }
                return rs.getLong(1);
            }
        }
    }

    /** The table's number in this file: the live-file index's key (schema V3). */
    private long readTableNumber() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT table_no FROM dl_tables WHERE table_id = ?")) {
            ps.setString(1, table.id().toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next(); // readHead found the row, in this transaction
                return rs.getLong(1);
            }
        }
    }

    /** Between this writer's transactions another writer may have had the lock: then its head is stale. */
    private void checkHeadUnchanged() throws SQLException {
        long now = readHead();
        if (now != head.committed()) {
            throw new TableBusyException("table '" + table.name() + "' in " + target.file() + " was written by another "
                    + "deltasql writer meanwhile (head now " + now + ", this writer's " + head.committed()
                    + "); one writer at a time — open a new writer to resume");
        }
    }

    private void recordMissingRange(long from, long to) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE dl_tables SET missing_ranges = json_insert(missing_ranges, "
                + "'$[#]', json_object('from', ?, 'to', ?)), updated_at = " + SqliteStore.NOW + " WHERE table_id = ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setString(3, table.id().toString());
            ps.executeUpdate();
        }
        LOG.info("table {}: versions {}..{} are not in the log; continuing from a checkpoint", table.name(), from, to);
    }

    /** Compare-and-set: only moves the head from where this writer believes it is. */
    private void advanceHead(HeadState.Unflushed v) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE dl_tables SET head_version = ?, first_version = "
                + "COALESCE(first_version, ?), updated_at = " + SqliteStore.NOW + " WHERE table_id = ? AND head_version = ?")) {
            ps.setLong(1, v.to());
            ps.setLong(2, v.first());
            ps.setString(3, table.id().toString());
            ps.setLong(4, v.from());
            if (ps.executeUpdate() != 1) {
                throw new StoreException("table '" + table.name() + "' changed under this writer: its head is no longer "
                        + v.from() + " (deleted or re-registered?) — versions " + (v.from() + 1) + " to " + v.to() + " were not written");
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    // --- failure handling -------------------------------------------------------------------------

    private interface Work {
        void run() throws SQLException;
    }

    /** Runs work in the open transaction; any failure rolls back everything uncommitted and is thrown as one line. */
    private void run(String doing, Work work) {
        try {
            work.run();
        } catch (SQLException e) {
            rollbackQuietly();
            throw SqliteErrors.wrap(target, doing + " of table " + table.name(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private void rollbackNow() throws SQLException {
        try {
            if (locked) {
                unlock();
            }
        } finally {
            locked = false;
            rows.clear();
            open = null;
            head.reset();
            group.reset();
            // What was rolled back may have ended everything live (a checkpoint): trust only an empty table.
            if (head.committed() >= 0) {
                addedKeys.forget();
            } else {
                addedKeys.startKnown();
            }
        }
    }

    private void rollbackQuietly() {
        try {
            rollbackNow();
        } catch (SQLException e) {
            LOG.debug("rollback of table {} failed", table.name(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing after a failure: nothing left to do
        }
    }
}
