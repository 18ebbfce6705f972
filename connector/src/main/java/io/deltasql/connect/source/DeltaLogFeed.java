package io.deltasql.connect.source;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLog;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionPlan;
import io.deltasql.log.listing.LogListing;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.log.storage.LogStorages;
import io.deltasql.log.storage.StorageSettings;
import java.io.IOException;

/** {@link VersionFeed} on delta-log's {@link DeltaLog}, with the connector's storage settings. */
public final class DeltaLogFeed implements VersionFeed {
    private final LogStorage storage;
    private final DeltaLog log;

    private DeltaLogFeed(LogStorage storage, DeltaLog log) {
        this.storage = storage;
        this.log = log;
    }

    /** Opens the table; throws delta-log's NOT_A_TABLE error when the location has no {@code _delta_log}. */
    public static DeltaLogFeed open(String location, StorageSettings settings) {
        String uri = LogStorages.toUri(location).toString();
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
        return log.versions(plan);
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
