package io.deltasql.reader;

import io.deltasql.storage.StorageSettings;
import io.deltasql.store.StoreTarget;
import java.util.Map;

/**
 * The entry point for applications after the switch: open a migrated table by its deltasql URI and
 * read it with Delta Kernel, its {@code _delta_log} coming from the store.
 *
 * <pre>{@code
 * try (DeltaSqlTable table = DeltaSqlTables.open("deltasql://postgres/lake/delta/events")) {
 *     TableSnapshot snapshot = table.latest();                 // or table.at(12), table.atTimestamp(ms)
 *     try (CloseableIterator<Row> rows = snapshot.rows(List.of("id", "ts"))) { … }
 *     Scan scan = snapshot.scanBuilder().withFilter(…).build(); // Kernel's own Scan, on snapshot.engine()
 * }
 * }</pre>
 */
public final class DeltaSqlTables {
    private DeltaSqlTables() {
    }

    /** Opens {@code uri} (a {@code deltasql://postgres/…} or {@code deltasql://sqlite/…} target naming a table) with the environment's storage settings. */
    public static DeltaSqlTable open(String uri) {
        return open(uri, Map.of());
    }

    /**
     * Opens {@code uri} with storage settings for the data files ({@link StorageSettings}'s names, e.g.
     * {@code s3.endpoint}, or raw Hadoop keys) over the environment's, as {@code deltasql import} takes them.
     */
    public static DeltaSqlTable open(String uri, Map<String, String> storageSettings) {
        return DeltaSqlTable.open(uri, System.getenv(),
                StorageSettings.fromEnvironment(System.getenv()).overriddenBy(StorageSettings.of(storageSettings)));
    }

    /** Opens a target already parsed ({@link io.deltasql.store.Stores#parse}) with exactly these storage settings. */
    public static DeltaSqlTable open(StoreTarget target, StorageSettings storageSettings) {
        return DeltaSqlTable.open(target, storageSettings);
    }
}
