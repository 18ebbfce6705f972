package io.deltasql.store.postgres;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreConnectionException;
import io.deltasql.store.StoreErrors;
import io.deltasql.store.StoreException;
import io.deltasql.store.TableBusyException;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.WriteStats;
import io.deltasql.store.schema.SqlNames;
import io.deltasql.store.write.GroupPolicy;
import io.deltasql.store.write.HeadState;
import io.deltasql.store.write.OpenVersion;
import io.deltasql.store.write.WriterOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL {@link VersionWriter}: streams each version's actions into the dl_* tables with
 * COPY, then, inside the same transaction, closes the intervals the version ends, records the
 * version and moves the head with a compare-and-set. One writer per table ({@link TableLock});
 * where it stands in the versions is {@link HeadState}, when a group commits {@link GroupPolicy},
 * the statements on the table's own row and a checkpoint's close {@link PgTableStatements}.
 *
 * <p>{@link #apply} commits after each version, or — with group commit on — once the group is big
 * or old enough; {@link #applyAll} commits per group and at the end. A failure rolls back every
 * uncommitted version; the head then says where to resume.
 */
public final class PgVersionWriter implements VersionWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PgVersionWriter.class);

    private final Connection conn;
    private final CopyManager copy;
    private final PgTarget target;
    private final SqlNames names;
    private final RegisteredTable table;
    private final WriterOptions options;
    private final ActionRows rows;
    private final LiveRowEnds liveRowEnds;
    private final PendingFileEnds fileEnds;
    private final PgTableStatements statements;
    private final GroupPolicy group;
    private final PgStatistics statistics;
    /** A checkpoint base was ended since the last commit: analyse what it filled once that commit is done. */
    private boolean analyzeAfterCommit;
    /** Where every statement of the open transaction runs, in order, while the caller goes on. */
    private StatementPipe pipe;
    private final WriteStats stats = new WriteStats();
    private HeadState head;
    private OpenVersion open;
    private boolean broken;

    private PgVersionWriter(Connection conn, PgTarget target, SqlNames names, RegisteredTable table,
                            WriterOptions options) throws SQLException {
        this.conn = conn;
        this.copy = conn.unwrap(PGConnection.class).getCopyAPI();
        this.target = target;
        this.names = names;
        this.table = table;
        this.options = options;
        this.rows = new ActionRows(names, table.id(), options.copyBufferChars());
        this.fileEnds = new PendingFileEnds(conn, names, table.id());
        this.liveRowEnds = new LiveRowEnds(conn, names, table.id(), fileEnds);
        this.statements = new PgTableStatements(conn, target, names, table);
        this.group = new GroupPolicy(options);
        this.statistics = new PgStatistics(names);
    }

    /**
     * Takes the table's writer lock on {@code conn} (which the writer then owns and closes) and
     * reads the head. Throws {@link TableBusyException} when another writer holds the table.
     */
    public static PgVersionWriter open(Connection conn, PgTarget target, SqlNames names, RegisteredTable table,
                                       WriterOptions options) {
        try {
            PgVersionWriter w = new PgVersionWriter(conn, target, names, table, options);
            conn.setAutoCommit(true);
            TableLock.lockSession(conn, target, table);
            try (java.sql.Statement s = conn.createStatement()) {
                // PostgreSQL's default, whatever the database or role sets: the foreign keys' trigger
                // queries keep their cached plans (force_custom_plan re-planned them for every row of a
                // COPY; force_generic_plan would plan the interval ends for an empty table). The
                // statements whose plan depends on the table's size are planned afresh: FreshPlans.
                s.execute("SET plan_cache_mode = auto");
                if (!options.synchronousCommit()) {
                    s.execute("SET synchronous_commit = off"); // see WriterOptions
                }
            }
            conn.setAutoCommit(false);
            w.head = new HeadState(w.statements.readHead());
            w.knowAddedKeysIfEmpty();
            w.pipe = new StatementPipe("deltasql-writer-" + table.name());
            return w;
        } catch (SQLException e) {
            closeQuietly(conn);
            throw StoreErrors.wrap(target, "opening a writer for table " + table.name(), e);
        } catch (RuntimeException e) {
            closeQuietly(conn);
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

    /** A setting of the writer's own PostgreSQL session, as it runs its statements (diagnostics, tests). */
    String sessionSetting(String name) {
        String[] value = new String[1];
        runNow("reading setting " + name, () -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT current_setting(?)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    value[0] = rs.getString(1);
                }
            }
        });
        return value[0];
    }

    @Override
    public ApplyOutcome apply(VersionBatch batch) {
        ApplyOutcome outcome = applyUncommitted(batch);
        if (outcome == ApplyOutcome.APPLIED) {
            if (!options.groupCommit()) {
                commit();
            } else if (group.full()) {
                commitInBackground(null);
            }
        }
        return outcome;
    }

    @Override
    public long applyAll(CloseableIterator<VersionBatch> batches) {
        long applied = 0;
        try (batches) {
            while (batches.hasNext()) {
                if (applyUncommitted(batches.next()) == ApplyOutcome.APPLIED) {
                    applied++;
                    if (group.full()) {
                        commitInBackground(null);
                    }
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
        if (outcome == ApplyOutcome.SKIPPED) {
            endVersion();
            return outcome;
        }
        try (CloseableIterator<Action> actions = batch.actions().open()) {
            while (actions.hasNext()) {
                add(actions.next());
            }
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
        endVersion();
        return ApplyOutcome.APPLIED;
    }

    @Override
    public ApplyOutcome beginVersion(long version, Origin origin, long timestamp, long actionCount) {
        ensureUsable();
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
        group.versionBegun();
        try {
            pipe.throwIfFailed(); // a group committing in the background failed: say so before going on
        } catch (StatementPipe.Failure f) {
            throw failed(f);
        }
        open = OpenVersion.begun(version, origin, timestamp, actionCount);
        if (origin == Origin.CHECKPOINT && head.pending() >= 0) {
            flushPending(false); // the close below must see every buffered row
            long before = head.pending();
            run("starting checkpoint version " + version, () -> {
                if (version > before + 1) {
                    statements.recordMissingRange(before + 1, version - 1);
                }
                // A checkpoint is the whole state: everything live before it ends here (first the
                // pending file ends, so rows they end keep their own end).
                fileEnds.settle();
                statements.closeAllLive(version);
            });
            rows.addedKeys().startKnown(); // nothing is live now but what this writer adds
        }
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
        ensureUsable();
        int ordinal;
        try {
            ordinal = open.next(action, table.name());
        } catch (StoreException e) {
            throw failNow(e);
        }
        if (rows.add(open.version, ordinal, action, open.commitsEarlierRows())) {
            flushPending(false);
        }
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
        try {
            v.checkComplete(table.name());
        } catch (StoreException e) {
            throw failNow(e);
        }
        boolean versionRowsFull = rows.versionRow(v.version, v.isCheckpoint(), v.timestamp,
                v.inCommitTimestamp(), v.operation(), v.actionCount, v.typeCounts());
        // Within a group the buffers carry on into the next version (fewer, bigger COPYs and one
        // head update per group; intervals a later version of the group ends are ended in memory).
        // They go out now with one transaction per version, or after a checkpoint (its rows are
        // the whole state: what follows ends them in the database).
        head.ended(v.version); // a failure below rolls back and resets it
        if (!options.groupCommit()) {
            flushPending(true); // commit() follows at once: nothing to overlap, so no hand-over
        } else if (v.isCheckpoint() || versionRowsFull) {
            flushPending(false);
        }
        v.countInto(stats);
        statistics.versionWritten(v.typeCounts());
        analyzeAfterCommit |= v.isCheckpoint();
        group.versionEnded(v.actionCount);
        open = null;
    }

    @Override
    public void commit() {
        ensureUsable();
        if (open != null && !open.skipped) {
            throw new IllegalStateException("cannot commit inside version " + open.version + " of table " + table.name()
                    + ": a transaction holds whole versions only");
        }
        if (group.pendingVersions() == 0) {
            sync(); // a group's commit may still be running on the pipe: durable means done
            return;
        }
        flushPending(true);
        long to = head.pending();
        runNow("committing up to version " + to, conn::commit);
        head.committedUpTo(to);
        group.reset();
        List<String> due = takeDueAfterCheckpoint();
        if (!due.isEmpty()) {
            runNow("analysing " + due, () -> analyze(due));
        }
    }

    /** The tables to analyse now that a commit holding a checkpoint base is (being) made: everything the writer filled. */
    private List<String> takeDueAfterCheckpoint() {
        if (!analyzeAfterCommit) {
            return List.of();
        }
        analyzeAfterCommit = false;
        return statistics.takeDue(1);
    }

    /**
     * ANALYZE in a transaction of its own, between the writer's (nothing of the next version is sent
     * yet). A failure costs only the statistics: warned, rolled back, and the import goes on.
     */
    private void analyze(List<String> tables) {
        if (tables.isEmpty()) {
            return;
        }
        try {
            statistics.analyze(conn, tables);
            conn.commit();
        } catch (SQLException e) {
            LOG.warn("analysing {} of table {} failed ({}); autovacuum will do it later", tables, table.name(), e.getMessage());
            try {
                conn.rollback();
            } catch (SQLException gone) {
                LOG.debug("rollback after the failed ANALYZE of {} failed", table.name(), gone);
            }
        }
    }

    /**
     * The commit queued on the pipe behind the group's last rows, as one job: the caller reads and
     * buffers the next versions while PostgreSQL writes and commits these (waiting for it left one
     * core idle for the whole of each group's send). {@link #head()} moves when the commit has run;
     * a failure surfaces at the next version begun or at the latest at {@link #commit()}, and rolls
     * back what came after the last commit that succeeded. Group mode's own commits go this way.
     */
    @Override
    public void commitInBackground(Runnable onCommitted) {
        if (group.pendingVersions() == 0) {
            return;
        }
        long to = head.pending();
        List<String> due = takeDueAfterCheckpoint();
        flushPending(false, () -> {
            conn.commit();
            head.committedUpTo(to);
            if (onCommitted != null) {
                onCommitted.run();
            }
            analyze(due);
        });
        group.reset();
    }

    @Override
    public void awaitBackgroundCommits() {
        pipe.awaitIdleKeepingFailure();
    }

    @Override
    public void rollback() {
        pipe.awaitIdleQuietly();
        if (broken) {
            resetPending();
            return;
        }
        try {
            conn.rollback();
        } catch (SQLException e) {
            broken = true;
            throw StoreErrors.wrap(target, "rolling back table " + table.name(), e);
        } finally {
            resetPending();
        }
    }

    @Override
    public void close() {
        rollbackQuietly();
        pipe.close();
        try {
            if (!conn.isClosed()) {
                conn.setAutoCommit(true);
                settlePendingEnds();
                analyzeLoadedTables();
                TableLock.unlockSession(conn, table);
            }
        } catch (SQLException e) {
            LOG.debug("releasing the writer lock of {} failed (the session end releases it)", table.name(), e);
        }
        closeQuietly(conn);
    }

    /**
     * At the end of an import (or of a sink task's writer): the file ends still pending (this
     * writer's, or those of a writer that died before its close) written into their rows, in a
     * transaction of its own, when they are many against the table's live rows
     * ({@link PendingFileEnds#worthSettling}); then VACUUM gives dl_file_ends' pages back (autovacuum may
     * be off). A few are left pending for a later close: readers read them the same. A failure
     * leaves them pending too.
     */
    private void settlePendingEnds() {
        if (broken) {
            return;
        }
        try {
            if (!fileEnds.worthSettling()) {
                return;
            }
            conn.setAutoCommit(false);
            int ended = fileEnds.settlePending();
            conn.commit();
            conn.setAutoCommit(true);
            try (java.sql.Statement s = conn.createStatement()) {
                s.execute(names.sql("VACUUM {s}.dl_file_ends"));
            }
            LOG.debug("table {}: {} pending file ends settled at close", table.name(), ended);
        } catch (SQLException e) {
            LOG.warn("settling the pending file ends of table {} failed ({}); they stay in dl_file_ends, where readers "
                    + "read them, until the next writer of the table closes", table.name(), e.getMessage());
            try {
                conn.rollback();
                conn.setAutoCommit(true);
            } catch (SQLException gone) {
                LOG.debug("rollback after the failed settle of {} failed", table.name(), gone);
            }
        }
    }

    /**
     * At the end of an import (or of a sink task's writer): the statistics of every table this
     * writer loaded with {@link PgStatistics#ROWS_AT_CLOSE} rows or more, so the first snapshot query
     * plans with the table's real size. A failure only costs the statistics.
     */
    private void analyzeLoadedTables() {
        if (broken) {
            return;
        }
        List<String> due = statistics.takeDue(PgStatistics.ROWS_AT_CLOSE);
        try {
            statistics.analyze(conn, due);
        } catch (SQLException e) {
            LOG.warn("analysing {} of table {} failed ({}); autovacuum will do it later", due, table.name(), e.getMessage());
        }
    }

    // --- inside the version's transaction -------------------------------------------------------

    /**
     * Sends every buffered row (ending first the live rows in the database that they end) and moves
     * the head over the versions completed since the last send — on the pipe, so the caller goes on
     * buffering the next rows meanwhile; or, {@code now}, on the caller's thread once the pipe is
     * idle (the caller is about to wait anyway: a hand-over to another thread would only add a
     * wake-up, which on a busy machine costs milliseconds per version).
     */
    private void flushPending(boolean now) {
        flushPending(now, null);
    }

    /** As {@link #flushPending(boolean)}, then {@code andThen} in the same job (a group's commit). */
    private void flushPending(boolean now, StatementPipe.Work andThen) {
        ActionRows.Prepared prepared = rows.prepare();
        HeadState.Unflushed versions = head.takeUnflushed();
        if (prepared.isEmpty() && !versions.moves() && andThen == null) {
            if (now) {
                sync();
            }
            return;
        }
        String doing = (versions.moves() ? "writing versions " + (versions.from() + 1) + " to " + versions.to()
                : "writing version " + (open != null ? open.version : versions.to() + 1))
                + (andThen != null ? " and committing" : "");
        StatementPipe.Work work = () -> {
            prepared.send(copy, liveRowEnds::end);
            if (fileEnds.manyPending()) {
                fileEnds.settle();
            }
            if (versions.moves()) {
                statements.advanceHead(versions);
            }
            if (andThen != null) {
                andThen.run();
            }
        };
        if (now) {
            runNow(doing, work);
        } else {
            run(doing, work);
        }
    }

    // --- failure handling -------------------------------------------------------------------------

    /**
     * Queues work in the open transaction (it runs on the pipe, in order). A failure — of this work
     * or of earlier work that has run meanwhile — rolls back everything uncommitted and is rethrown
     * as one line.
     */
    private void run(String doing, StatementPipe.Work work) {
        try {
            pipe.submit(doing, work);
        } catch (StatementPipe.Failure f) {
            throw failed(f);
        }
    }

    /** Waits until the pipe is idle, then runs the work on this thread; a failure is handled as in {@link #run}. */
    private void runNow(String doing, StatementPipe.Work work) {
        sync();
        try {
            work.run();
        } catch (SQLException | RuntimeException e) {
            throw failed(new StatementPipe.Failure(doing, e));
        }
    }

    /** Waits until the pipe has run everything queued; rethrows a failure as {@link #run} does. */
    private void sync() {
        try {
            pipe.awaitIdle();
        } catch (StatementPipe.Failure f) {
            throw failed(f);
        }
    }

    private RuntimeException failed(StatementPipe.Failure f) {
        rollbackQuietly();
        Throwable cause = f.getCause();
        if (cause instanceof SQLException e) {
            return StoreErrors.wrap(target, f.doing() + " of table " + table.name(), e);
        }
        if (cause instanceof RuntimeException e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new StoreException("interrupted while " + f.doing() + " of table " + table.name()
                + "; nothing uncommitted was kept — resume after version " + head.committed());
    }

    private StoreException failNow(StoreException e) {
        rollbackQuietly();
        throw e;
    }

    private void rollbackQuietly() {
        if (pipe != null) {
            pipe.awaitIdleQuietly();
        }
        try {
            if (!broken) {
                conn.rollback();
            }
        } catch (SQLException e) {
            broken = true;
            LOG.debug("rollback of table {} failed; the connection is gone", table.name(), e);
        } finally {
            resetPending();
        }
        try {
            if (conn.isClosed() || !conn.isValid(2)) {
                broken = true;
            }
        } catch (SQLException e) {
            broken = true;
        }
    }

    private void resetPending() {
        rows.clear();
        // What was rolled back may have ended everything live (a checkpoint): trust only an empty table.
        if (head != null && head.committed() >= 0) {
            rows.addedKeys().forget();
        }
        knowAddedKeysIfEmpty();
        open = null;
        if (head != null) {
            head.reset();
        }
        group.reset();
    }

    /** An empty table: every live row it will hold is added by this writer, so its keys are known. */
    private void knowAddedKeysIfEmpty() {
        if (head != null && head.committed() < 0) {
            rows.addedKeys().startKnown();
        }
    }

    private void ensureUsable() {
        if (broken) {
            throw new StoreConnectionException("the writer of table '" + table.name() + "' lost its connection to "
                    + target.server() + "; open a new writer to resume after version " + head.committed());
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
