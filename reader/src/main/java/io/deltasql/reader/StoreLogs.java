package io.deltasql.reader;

import io.deltasql.log.action.Action;
import io.deltasql.reader.engine.CheckpointCache;
import io.deltasql.reader.engine.FileBatch;
import io.deltasql.reader.engine.FileColumns;
import io.deltasql.reader.engine.SqlLog;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.SqlSnapshot;
import io.delta.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The log deltasql serves Kernel for a version of one table ({@link SqlLog}): the version as its own
 * checkpoint, or — when this table kept Kernel's read of an older version's files — that version's
 * checkpoint and the commits after it, which Kernel replays on the kept files (a reader following a
 * writer). Everything is read from the store lazily, when Kernel reads the file it belongs to.
 */
final class StoreLogs {
    /**
     * A load replays at most this many commits on a kept checkpoint: each is a little of Kernel's JSON
     * replay, where a first load of a small table costs a few ms.
     */
    static final int MAX_COMMITS_REPLAYED = 100;
    /** ... and at most this many actions, held in memory while Kernel replays them (a first load streams its files). */
    static final long MAX_ACTIONS_REPLAYED = 50_000;

    /** The table's store, as {@link DeltaSqlTable} shares it: queries under its connection's lock, and the files' fetch. */
    interface Store {
        <T> T read(Function<SnapshotQueries, T> query);

        /** The live files at {@code version}, unsorted, as batches that {@code columns} builds on a background fetch. */
        CloseableIterator<FileBatch> fetchLiveFiles(long version, FileColumns columns);
    }

    private final RegisteredTable table;
    private final String logDir;
    private final CheckpointCache cache;
    private final Store store;

    StoreLogs(RegisteredTable table, String logDir, CheckpointCache cache, Store store) {
        this.table = table;
        this.logDir = logDir;
        this.cache = cache;
        this.store = store;
    }

    /** The log of {@code version}, committed at {@code timestamp}. */
    SqlLog at(long version, long timestamp) {
        return onKeptCheckpoint(version).orElseGet(() -> new SqlLog(logDir,
                new SqlLog.Checkpoint(version, timestamp, checkpointAt(version, timestamp)),
                List.of(new SqlLog.Commit(version, timestamp, actionsOf(version))), cache));
    }

    /**
     * The log of {@code version} as an older version's checkpoint whose read Kernel kept, and the
     * commits after it — when Kernel replaying those commits is cheaper than a first load: at most
     * {@link #MAX_COMMITS_REPLAYED} commits and {@link #MAX_ACTIONS_REPLAYED} actions, each a commit
     * (not a checkpoint base), the kept version still committed at the time it was kept at (a table
     * imported again under the same name is not). Empty: load {@code version} as its own checkpoint.
     */
    private Optional<SqlLog> onKeptCheckpoint(long version) {
        CheckpointCache.Kept kept = cache.newestAtOrBefore(version).orElse(null);
        if (kept == null || kept.version() == version || version - kept.version() > MAX_COMMITS_REPLAYED) {
            return Optional.empty();
        }
        long base = kept.version();
        List<SnapshotQueries.VersionStamp> stamps = store.read(q -> q.versionStamps(table, base, version));
        if (stamps.size() != version - base + 1 || stamps.get(0).timestampMs() != kept.timestampMs()) {
            return Optional.empty();
        }
        long actions = 0;
        for (SnapshotQueries.VersionStamp s : stamps.subList(1, stamps.size())) {
            if (!s.commit()) {
                return Optional.empty();
            }
            actions += s.actions();
        }
        if (actions > MAX_ACTIONS_REPLAYED) {
            return Optional.empty();
        }
        SqlLog.Checkpoint checkpoint = new SqlLog.Checkpoint(base, kept.timestampMs(), checkpointAt(base, kept.timestampMs()));
        // The commits after the base in one read (a query per kind of action), when Kernel first reads one of them.
        Supplier<Map<Long, List<Action>>> after = memoized(() -> store.read(q -> q.actionsOf(table, base + 1, version)));
        List<SqlLog.Commit> commits = new ArrayList<>(stamps.size());
        for (SnapshotQueries.VersionStamp s : stamps) {
            long v = s.version();
            commits.add(new SqlLog.Commit(v, s.timestampMs(), v == base ? actionsOf(v) : () -> after.get().getOrDefault(v, List.of())));
        }
        return Optional.of(new SqlLog(logDir, checkpoint, commits, cache));
    }

    /** The actions of {@code version}, read from the store when Kernel reads its commit. */
    private Supplier<List<Action>> actionsOf(long version) {
        return () -> store.read(q -> q.actionsOf(table, version));
    }

    /**
     * The snapshot at {@code version} as a checkpoint's content, read from the store only when Kernel
     * reads the checkpoint and no read of it is kept: the state (protocol, metaData, txns, domains)
     * once, the files per read.
     */
    private SqlLog.CheckpointSource checkpointAt(long version, long timestamp) {
        Supplier<SqlSnapshot> state = memoized(() -> store.read(q -> q.stateAt(table, version, timestamp)));
        return new SqlLog.CheckpointSource() {
            @Override
            public List<Action> actions() {
                return SnapshotActions.of(state.get());
            }

            @Override
            public CloseableIterator<FileBatch> files(FileColumns columns) {
                return store.fetchLiveFiles(version, columns);
            }
        };
    }

    private static <T> Supplier<T> memoized(Supplier<T> read) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = read.get();
                }
                return value;
            }
        };
    }
}
