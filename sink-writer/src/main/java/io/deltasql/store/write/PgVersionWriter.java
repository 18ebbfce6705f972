package io.deltasql.store.write;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.store.GapException;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreConnectionException;
import io.deltasql.store.StoreErrors;
import io.deltasql.store.StoreException;
import io.deltasql.store.TableBusyException;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.WriteStats;
import io.deltasql.store.schema.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL {@link VersionWriter}: streams each version's actions into the dl_* tables with
 * COPY, then, inside the same transaction, closes the intervals the version ends, records the
 * version and moves the head with a compare-and-set. It holds a session advisory lock on the table
 * for its whole life, so there is one writer per table.
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
    /** Where every statement of the open transaction runs, in order, while the caller goes on. */
    private StatementPipe pipe;
    private final long lockKey;
    private final WriteStats stats = new WriteStats();

    /** The last version PostgreSQL has committed; moved by the pipe's thread when a commit runs there. */
    private volatile long committedHead;
    private long pendingHead;
    /** The head_version the database holds inside the open transaction (moved when buffers are sent). */
    private long flushedHead;
    /** The first version completed since the head was last moved (for first_version). */
    private long firstUnflushed;
    private OpenVersion open;
    private long groupActions;
    private long groupStartedNanos;
    private int pendingVersions;
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
        this.liveRowEnds = new LiveRowEnds(conn, names, table.id());
        this.lockKey = table.id().getMostSignificantBits() ^ table.id().getLeastSignificantBits();
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
            w.lock();
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
            w.committedHead = w.readHead();
            w.pendingHead = w.committedHead;
            w.flushedHead = w.committedHead;
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

    private void lock() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new TableBusyException("table '" + table.name() + "' is being written by another deltasql writer"
                            + holder() + " at " + target.server() + "; only one writer per table — wait for it to finish or stop it");
                }
            }
        }
    }

    private String holder() {
        String sql = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
                + "AND classid = ?::bigint::oid AND objid = ?::bigint::oid LIMIT 1";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, (lockKey >>> 32) & 0xffffffffL);
            ps.setLong(2, lockKey & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? " (PostgreSQL backend pid " + rs.getInt(1) + ")" : "";
            }
        } catch (SQLException e) {
            return "";
        }
    }

    private long readHead() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(names.sql("SELECT head_version FROM {s}.dl_tables WHERE table_id = ?"))) {
            ps.setObject(1, table.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("table '" + table.name() + "' (" + table.id() + ") is not registered in schema "
                            + names.schema() + " at " + target.server() + " — was it deleted? register it again");
                }
                long head = rs.getLong(1);
                conn.commit();
                return head;
            }
        }
    }

    public RegisteredTable table() {
        return table;
    }

    @Override
    public long head() {
        return committedHead;
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
            } else if (groupFull()) {
                commitInBackground(null);
            }
        }
        return outcome;
    }

    /** Applies every batch, committing per group (see {@link WriterOptions}) and at the end. Returns how many were applied. */
    public long applyAll(CloseableIterator<VersionBatch> batches) {
        long applied = 0;
        try (batches) {
            while (batches.hasNext()) {
                if (applyUncommitted(batches.next()) == ApplyOutcome.APPLIED) {
                    applied++;
                    if (groupFull()) {
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

    private boolean groupFull() {
        if (!options.groupCommit()) {
            return true;
        }
        return options.groupMaxActions() > 0 && groupActions >= options.groupMaxActions()
                || options.groupMaxMillis() > 0 && (System.nanoTime() - groupStartedNanos) / 1_000_000 >= options.groupMaxMillis();
    }

    @Override
    public ApplyOutcome beginVersion(long version, Origin origin, long timestamp, long actionCount) {
        ensureUsable();
        if (open != null) {
            throw new IllegalStateException("version " + open.version + " of table " + table.name()
                    + " was begun and not ended; end it before beginning version " + version);
        }
        if (version <= pendingHead) {
            stats.versionSkipped();
            open = OpenVersion.skipped(version);
            return ApplyOutcome.SKIPPED;
        }
        if (origin == Origin.COMMIT && version > pendingHead + 1) {
            throw new GapException(table.name(), pendingHead, version);
        }
        if (pendingVersions == 0) {
            groupStartedNanos = System.nanoTime();
        }
        try {
            pipe.throwIfFailed(); // a group committing in the background failed: say so before going on
        } catch (StatementPipe.Failure f) {
            throw failed(f);
        }
        open = new OpenVersion(version, origin, timestamp, actionCount, false);
        if (origin == Origin.CHECKPOINT && pendingHead >= 0) {
            flushPending(false); // the close below must see every buffered row
            long head = pendingHead;
            run("starting checkpoint version " + version, () -> {
                if (version > head + 1) {
                    recordMissingRange(head + 1, version - 1);
                }
                // A checkpoint is the whole state: everything live before it ends here.
                closeAllLive(version);
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
        OpenVersion v = open;
        if (v.ordinal == Integer.MAX_VALUE) {
            failNow(new StoreException("version " + v.version + " of table " + table.name() + " has more than "
                    + Integer.MAX_VALUE + " actions; not supported"));
        }
        if (action instanceof CommitInfo ci && v.operation == null && v.inCommitTimestamp == null) {
            v.operation = ci.operation();
            v.inCommitTimestamp = ci.inCommitTimestamp();
        }
        v.counts.merge(action.type(), 1L, Long::sum);
        if (rows.add(v.version, v.ordinal++, action, v.origin == Origin.COMMIT)) {
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
        long got = v.ordinal;
        if (got != v.actionCount) {
            failNow(new StoreException("version " + v.version + " of table " + table.name() + ": expected "
                    + v.actionCount + " actions, got " + got + " — nothing of it was written; re-send the whole version"));
        }
        boolean versionRowsFull = rows.versionRow(v.version, v.origin == Origin.CHECKPOINT, v.timestamp,
                v.inCommitTimestamp, v.operation, v.actionCount, v.typeCounts());
        // Within a group the buffers carry on into the next version (fewer, bigger COPYs and one
        // head update per group; intervals a later version of the group ends are ended in memory).
        // They go out now with one transaction per version, or after a checkpoint (its rows are
        // the whole state: what follows ends them in the database).
        if (pendingHead == flushedHead) {
            firstUnflushed = v.version;
        }
        pendingHead = v.version; // a failure below rolls back and resets it
        if (!options.groupCommit()) {
            flushPending(true); // commit() follows at once: nothing to overlap, so no hand-over
        } else if (v.origin == Origin.CHECKPOINT || versionRowsFull) {
            flushPending(false);
        }
        v.counts.forEach((type, n) -> {
            for (long i = 0; i < n; i++) {
                stats.action(type); // WriteStats (shared contract) counts one at a time
            }
        });
        stats.versionApplied();
        pendingVersions++;
        groupActions += v.actionCount;
        open = null;
    }

    @Override
    public void commit() {
        ensureUsable();
        if (open != null && !open.skipped) {
            throw new IllegalStateException("cannot commit inside version " + open.version + " of table " + table.name()
                    + ": a transaction holds whole versions only");
        }
        if (pendingVersions == 0) {
            sync(); // a group's commit may still be running on the pipe: durable means done
            return;
        }
        flushPending(true);
        runNow("committing up to version " + pendingHead, conn::commit);
        committedHead = pendingHead;
        pendingVersions = 0;
        groupActions = 0;
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
        if (pendingVersions == 0) {
            return;
        }
        long head = pendingHead;
        flushPending(false, () -> {
            conn.commit();
            committedHead = head;
            if (onCommitted != null) {
                onCommitted.run();
            }
        });
        pendingVersions = 0;
        groupActions = 0;
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
                try (PreparedStatement ps = conn.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, lockKey);
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            LOG.debug("releasing the writer lock of {} failed (the session end releases it)", table.name(), e);
        }
        closeQuietly(conn);
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
        long from = flushedHead;
        long to = pendingHead;
        long first = firstUnflushed;
        flushedHead = pendingHead;
        if (prepared.isEmpty() && to == from && andThen == null) {
            if (now) {
                sync();
            }
            return;
        }
        String doing = (to > from ? "writing versions " + (from + 1) + " to " + to
                : "writing version " + (open != null ? open.version : to + 1)) + (andThen != null ? " and committing" : "");
        StatementPipe.Work work = () -> {
            prepared.send(copy, liveRowEnds::end);
            if (to > from) {
                advanceHead(from, to, first);
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

    private void closeAllLive(long version) throws SQLException {
        update("UPDATE {s}.dl_add_files SET removed_version = ? WHERE table_id = ? AND removed_version IS NULL", version, 2);
        for (String t : List.of("dl_metadata_updates", "dl_protocol_updates", "dl_txn_actions", "dl_domain_metadata")) {
            update("UPDATE {s}." + t + " SET superseded_version = ? WHERE table_id = ? AND superseded_version IS NULL",
                    version, 2);
        }
    }

    /** Runs an UPDATE whose parameters are (version, table_id[, version[, version]]). */
    private void update(String template, long version, int params) throws SQLException {
        try (PreparedStatement ps = FreshPlans.prepare(conn, names.sql(template))) {
            ps.setLong(1, version);
            ps.setObject(2, table.id());
            for (int i = 3; i <= params; i++) {
                ps.setLong(i, version);
            }
            ps.executeUpdate();
        }
    }

    private void recordMissingRange(long from, long to) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(names.sql("UPDATE {s}.dl_tables SET missing_ranges = missing_ranges "
                + "|| jsonb_build_array(jsonb_build_object('from', ?::bigint, 'to', ?::bigint)), updated_at = now() WHERE table_id = ?"))) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setObject(3, table.id());
            ps.executeUpdate();
        }
        LOG.info("table {}: versions {}..{} are not in the log; continuing from a checkpoint", table.name(), from, to);
    }

    /** Compare-and-set: only moves the head from where this writer believes it is. */
    private void advanceHead(long from, long to, long firstVersion) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(names.sql("UPDATE {s}.dl_tables SET head_version = ?, "
                + "first_version = COALESCE(first_version, ?), updated_at = now() WHERE table_id = ? AND head_version = ?"))) {
            ps.setLong(1, to);
            ps.setLong(2, firstVersion);
            ps.setObject(3, table.id());
            ps.setLong(4, from);
            if (ps.executeUpdate() != 1) {
                throw new StoreException("table '" + table.name() + "' changed under this writer: its head is no longer "
                        + from + " (deleted or re-registered?) — versions " + (from + 1) + " to " + to + " were not written");
            }
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
                + "; nothing uncommitted was kept — resume after version " + committedHead);
    }

    private void failNow(StoreException e) {
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
        if (committedHead >= 0) {
            rows.addedKeys().forget();
        }
        knowAddedKeysIfEmpty();
        open = null;
        pendingHead = committedHead;
        flushedHead = committedHead;
        pendingVersions = 0;
        groupActions = 0;
    }

    /** An empty table: every live row it will hold is added by this writer, so its keys are known. */
    private void knowAddedKeysIfEmpty() {
        if (committedHead < 0) {
            rows.addedKeys().startKnown();
        }
    }

    private void ensureUsable() {
        if (broken) {
            throw new StoreConnectionException("the writer of table '" + table.name() + "' lost its connection to "
                    + target.server() + "; open a new writer to resume after version " + committedHead);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing after a failure: nothing left to do
        }
    }

    /** The version being written. */
    private static final class OpenVersion {
        final long version;
        final Origin origin;
        final long timestamp;
        final long actionCount;
        final boolean skipped;
        final Map<ActionType, Long> counts = new EnumMap<>(ActionType.class);
        int ordinal;
        String operation;
        Long inCommitTimestamp;

        OpenVersion(long version, Origin origin, long timestamp, long actionCount, boolean skipped) {
            this.version = version;
            this.origin = origin;
            this.timestamp = timestamp;
            this.actionCount = actionCount;
            this.skipped = skipped;
        }

        static OpenVersion skipped(long version) {
            return new OpenVersion(version, Origin.COMMIT, 0, 0, true);
        }

        long count(ActionType type) {
            return counts.getOrDefault(type, 0L);
        }

        /** add, remove, metaData, protocol, txn, commitInfo, cdc, domainMetadata, other: dl_table_versions' count columns. */
        long[] typeCounts() {
            return new long[] {count(ActionType.ADD), count(ActionType.REMOVE), count(ActionType.METADATA),
                count(ActionType.PROTOCOL), count(ActionType.TXN), count(ActionType.COMMIT_INFO), count(ActionType.CDC),
                count(ActionType.DOMAIN_METADATA),
                count(ActionType.CHECKPOINT_METADATA) + count(ActionType.SIDECAR) + count(ActionType.UNKNOWN)};
        }
    }
}
