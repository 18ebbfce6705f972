package io.deltasql.connect.source;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.TableLocation;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.listing.LogListing;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.storage.LogStorages;
import io.deltasql.storage.StorageSettings;
import java.io.IOException;

/** {@link VersionFeed} on delta-log's {@link DeltaLog}, with the connector's storage settings. */
public final class DeltaLogFeed implements VersionFeed {
    /**
     * Commits a table's stream reads ahead on an object store. A task keeps one stream open per
     * table that is catching up, so each is bounded to a few threads and ~16 parsed commits (the
     * CLI's import, one table per process, takes the storage's full read-ahead).
     */
    static final int READS_AHEAD = 4;

    private final LogStorage storage;
    private final DeltaLog log;

    private DeltaLogFeed(LogStorage storage, DeltaLog log) {
        this.storage = storage;
        this.log = log;
    }

    /**
     * Opens the table; throws delta-log's NOT_A_TABLE error when the location has no {@code _delta_log}, and a
     * {@code ConnectException} naming the add-on to install when the location's storage driver is not in the plugin.
     */
    public static DeltaLogFeed open(String table, String location, StorageSettings settings) {
        TableLocation where = TableLocation.of(location);
        StorageAddOns.check(table, where.uri());
        String uri = where.uri().toString();
        // Like the CLI: the worker's environment (AWS_*, AZURE_*, …) first, the connector's storage.* over it.
        LogStorage storage = LogStorages.forLocation(uri,
                StorageSettings.fromEnvironment(System.getenv()).overriddenBy(settings));
        try {
            return new DeltaLogFeed(storage, DeltaLog.open(uri, storage));
        } catch (RuntimeException e) {
            closeStorage(storage);
            throw e;
        }
    }

    @Override
    public long newestVersionFrom(long fromVersion) {
        LogListing listing = log.listingAfter(fromVersion - 1);
        if (listing.isEmpty()) {
            return -1;
        }
        return listing.latestVersion();
    }

    @Override
    public CloseableIterator<VersionBatch> versionsFrom(long fromVersion, Long upToVersion, boolean checkpointBase) {
        VersionPlan plan = log.plan(fromVersion, upToVersion, checkpointBase);
        return log.versions(plan, READS_AHEAD);
    }

    @Override
    public void close() {
        log.close();
        closeStorage(storage);
    }

    private static void closeStorage(LogStorage storage) {
        try {
            storage.close();
        } catch (IOException e) {
            // nothing left to release that matters
        }
    }
}
