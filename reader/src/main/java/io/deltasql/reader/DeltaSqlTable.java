package io.deltasql.reader;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.TableLocation;
import io.deltasql.log.action.AddFile;
import io.deltasql.reader.engine.CheckpointCache;
import io.deltasql.reader.engine.FileBatch;
import io.deltasql.reader.engine.FileColumns;
import io.deltasql.reader.engine.SqlLogEngine;
import io.deltasql.storage.DataFileStorage;
import io.deltasql.storage.StorageSettings;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreException;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.read.SnapshotQueries;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A migrated table opened for reading: its store (where its log is) and its storage (where its data
 * files are). Each snapshot is the store's state at a version, handed to Delta Kernel as a one-checkpoint log
 * ({@link SqlLogEngine}). One store connection: threads may share a table (a service's request
 * threads), and their queries and background fetches of live files take turns on it under a lock.
 * A fetch holds the connection while it streams; when another thread waits for it, the fetch reads
 * the rest of its files ahead into memory rather than keep that thread waiting for its reader. So
 * first loads of big snapshots run one after another: threads that need them in parallel open a
 * table each. Close it to close the connection.
 */
public final class DeltaSqlTable implements AutoCloseable {
    private final MetadataStore store;
    private final RegisteredTable table;
    private final Engine storage;
    private final String tablePath;
    /** Held while a query runs on the store's one connection: a background fetch of live files, or the caller's thread. */
    private final ReentrantLock connection = new ReentrantLock();
    private volatile LiveFiles<?> lastFetch;
    /** Kernel's reads of each version's checkpoint, for the next load of the same version (bounded). */
    private final CheckpointCache cache = new CheckpointCache(CheckpointCache.defaultBudget());
    /** Kernel's snapshots of the versions loaded last, for the next load of the same version. */
    private final KernelSnapshots snapshots = new KernelSnapshots(KernelSnapshots.KEPT);
    /** The log Kernel is served for each version. */
    private final StoreLogs logs;

    private DeltaSqlTable(MetadataStore store, RegisteredTable table, Engine storage, String tablePath) {
        this.store = store;
        this.table = table;
        this.storage = storage;
        this.tablePath = tablePath;
        this.logs = new StoreLogs(table, tablePath + "/_delta_log", cache, new StoreLogs.Store() {
            @Override
            public <T> T read(Function<SnapshotQueries, T> query) {
                return locked(() -> query.apply(queries()));
            }

            @Override
            public CloseableIterator<FileBatch> fetchLiveFiles(long version, FileColumns columns) {
                return DeltaSqlTable.this.fetchLiveFiles(version, columns);
            }
        });
    }

    static DeltaSqlTable open(String uri, Map<String, String> env, StorageSettings settings) {
        StoreTarget target = Stores.parse(uri, env, null);
        if (target.table() == null) {
            throw new IllegalArgumentException("target " + target.describe() + " names no table: use " + Stores.GRAMMAR);
        }
        return open(target, settings);
    }

    static DeltaSqlTable open(StoreTarget target, StorageSettings settings) {
        // One connection, no migration: reading creates no database, file or schema, and an older
        // schema is refused in one line naming 'deltasql upgrade' (as the other read commands do).
        MetadataStore store = Stores.openReadOnly(target);
        try {
            RegisteredTable table = store.require(target.table());
            DataFileStorage files = DataFileStorage.of(TableLocation.of(table.location()), settings);
            Engine storage = DefaultEngine.create(files.conf());
            String tablePath = storage.getFileSystemClient().resolvePath(files.root());
            return new DeltaSqlTable(store, table, storage, tablePath);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The table's name in the store. */
    public String name() {
        return table.name();
    }

    /** Where the table's data files are (the location it was imported from). */
    public String location() {
        return table.location();
    }

    /**
     * Drops the live files kept from earlier loads: the next load of each version reads them from the
     * store again. A version's files never change once committed, so this is for memory (a table
     * kept open for long) and for measuring a first load — not for freshness: each load asks the store
     * for the version and its time, and a kept read is used only for that same version and time.
     */
    public void dropCachedFiles() {
        cache.clear();
        snapshots.clear();
    }

    /** The newest version the store holds. */
    public long headVersion() {
        return locked(() -> queries().head(table));
    }

    /** The snapshot at the newest version. */
    public TableSnapshot latest() {
        SnapshotQueries.VersionTime head = locked(() -> queries().headTime(table));
        return load(head.version(), head.timestampMs());
    }

    /** The snapshot at {@code version}: one the store holds (a one-line {@link StoreException} otherwise). */
    public TableSnapshot at(long version) {
        return load(version, locked(() -> queries().versionTime(table, version)));
    }

    /** The snapshot of the latest version committed at or before {@code epochMillis} (inCommitTimestamp where present). */
    public TableSnapshot atTimestamp(long epochMillis) {
        return at(locked(() -> queries().versionAtTimestamp(table, epochMillis)));
    }

    /**
     * Kernel's snapshot over the store's state at a version. The live files are fetched when Kernel
     * reads the checkpoint's adds (not for protocol and metaData), on a background thread that builds
     * Kernel's batches from the rows while Kernel replays them ({@link LiveFiles}, {@link FileColumns}),
     * in no order (Kernel needs none, and sorting every live path is most of a big query), with stats
     * only when Kernel reads them. A load of a version loaded before takes Kernel's batches of its
     * checkpoint from memory ({@link CheckpointCache}) and reuses Kernel's snapshot ({@link KernelSnapshots});
     * a load of a newer version takes the kept batches too and replays only the commits after them ({@link StoreLogs}).
     */
    private TableSnapshot load(long version, long timestamp) {
        KernelSnapshots.Loaded loaded = snapshots.get(version, timestamp, () -> {
            Engine engine = new SqlLogEngine(storage, logs.at(version, timestamp));
            try {
                return new KernelSnapshots.Loaded(TableManager.loadSnapshot(tablePath).atVersion(version).build(engine), engine);
            } catch (KernelException e) {
                throw new ReadException(DeltaLogException.Kind.UNSUPPORTED, "Delta Kernel refuses version " + version
                        + " of table '" + table.name() + "': " + e.getMessage(), e);
            }
        });
        return new TableSnapshot(version, timestamp, loaded.snapshot(), loaded.engine(), table.location(), () -> liveFiles(version));
    }

    /** The live files, unsorted, as batches that {@code columns} builds on a background fetch. */
    private CloseableIterator<FileBatch> fetchLiveFiles(long version, FileColumns columns) {
        LiveFiles<FileBatch> files = LiveFiles.fetch(connection, sink -> {
            queries().liveFileRows(table, version, columns.stats(), row -> columns.add(row, sink));
            columns.end(sink);
        });
        lastFetch = files;
        return files;
    }

    private List<AddFile> liveFiles(long version) {
        List<AddFile> files = new ArrayList<>();
        locked(() -> {
            queries().liveFiles(table, version, files::add);
            return null;
        });
        return files;
    }

    /** Runs {@code read} on the store's connection, which a background fetch of live files may be using. */
    private <T> T locked(Supplier<T> read) {
        connection.lock();
        try {
            return read.get();
        } finally {
            connection.unlock();
        }
    }

    private SnapshotQueries queries() {
        return store.queries();
    }

    @Override
    public void close() {
        LiveFiles fetch = lastFetch;
        if (fetch != null) {
            fetch.close(); // a fetch whose files were not read to the end stops
        }
        connection.lock();
        try {
            store.close();
        } finally {
            connection.unlock();
        }
    }
}
