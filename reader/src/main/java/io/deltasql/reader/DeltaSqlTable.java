package io.deltasql.reader;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.TableLocation;
import io.deltasql.log.action.AddFile;
import io.deltasql.reader.engine.SqlLog;
import io.deltasql.reader.engine.SqlLogEngine;
import io.deltasql.storage.DataFileStorage;
import io.deltasql.storage.StorageSettings;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreException;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.SqlSnapshot;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A migrated table opened for reading: its store (where its log is) and its storage (where its data
 * files are). Each snapshot is the store's state at a version, handed to Delta Kernel as a one-checkpoint log
 * ({@link SqlLogEngine}). Not thread-safe: one store connection. Close it to close the connection.
 */
public final class DeltaSqlTable implements AutoCloseable {
    private final MetadataStore store;
    private final RegisteredTable table;
    private final Engine storage;
    private final String tablePath;

    private DeltaSqlTable(MetadataStore store, RegisteredTable table, Engine storage, String tablePath) {
        this.store = store;
        this.table = table;
        this.storage = storage;
        this.tablePath = tablePath;
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

    /** The newest version the store holds. */
    public long headVersion() {
        return queries().head(table);
    }

    /** The snapshot at the newest version. */
    public TableSnapshot latest() {
        return at(headVersion());
    }

    /** The snapshot at {@code version}: one the store holds (a one-line {@link StoreException} otherwise). */
    public TableSnapshot at(long version) {
        return load(queries().stateAt(table, version));
    }

    /** The snapshot of the latest version committed at or before {@code epochMillis} (inCommitTimestamp where present). */
    public TableSnapshot atTimestamp(long epochMillis) {
        return at(queries().versionAtTimestamp(table, epochMillis));
    }

    /**
     * Kernel's snapshot over the store's state at a version. The live files are fetched when Kernel
     * reads the checkpoint's adds (not for protocol and metaData), in no order (Kernel needs none,
     * and sorting every live path is most of a big query), with stats only when Kernel reads them.
     */
    private TableSnapshot load(SqlSnapshot sql) {
        long version = sql.version();
        SqlLog log = new SqlLog(tablePath + "/_delta_log", version, sql.timestamp(),
                (files, stats) -> SnapshotActions.of(sql, files ? liveFiles(version, false, stats) : List.of()),
                () -> queries().actionsOf(table, version).iterator());
        Engine engine = new SqlLogEngine(storage, log);
        Snapshot kernel;
        try {
            kernel = TableManager.loadSnapshot(tablePath).atVersion(version).build(engine);
        } catch (KernelException e) {
            throw new ReadException(DeltaLogException.Kind.UNSUPPORTED, "Delta Kernel refuses version " + version
                    + " of table '" + table.name() + "': " + e.getMessage(), e);
        }
        return new TableSnapshot(sql, kernel, engine, table.location(), () -> liveFiles(version, true, true));
    }

    private List<AddFile> liveFiles(long version, boolean sorted, boolean stats) {
        List<AddFile> files = new ArrayList<>();
        queries().liveFiles(table, version, sorted, stats, files::add);
        return files;
    }

    private SnapshotQueries queries() {
        return store.queries();
    }

    @Override
    public void close() {
        store.close();
    }
}
