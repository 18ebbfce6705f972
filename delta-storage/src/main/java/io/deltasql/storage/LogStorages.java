package io.deltasql.storage;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.TableLocation;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.storage.LocalLogStorage;
import io.deltasql.log.storage.LogStorage;
import java.net.URI;
import java.util.Map;

/**
 * Picks the storage for a table location. Local paths and {@code file:} URIs get delta-log's
 * {@link LocalLogStorage} ({@code java.nio}): no Hadoop class is loaded for a local table. Cloud
 * schemes go to {@link HadoopStores}, which loads only the driver of that scheme.
 */
public final class LogStorages {
    private LogStorages() {
    }

    /**
     * Opens the table at {@code location} with the storage {@link #forLocation(String, Map)} picks for
     * it and the environment's settings; the storage is closed with the log.
     */
    public static DeltaLog openLog(String location) {
        TableLocation table = TableLocation.of(location);
        return DeltaLog.openOwning(table, forLocation(table, StorageSettings.fromEnvironment(System.getenv()),
                StorageRetryListener.NONE));
    }

    /**
     * The storage for {@code location} with the environment's settings
     * ({@link StorageSettings#fromEnvironment}) overridden by {@code settings} (short names or raw
     * Hadoop keys, see {@link StorageSettings}). A plain path means the local file system.
     */
    public static LogStorage forLocation(String location, Map<String, String> settings) {
        return forLocation(location, StorageSettings.fromEnvironment(System.getenv())
                .overriddenBy(StorageSettings.of(settings)));
    }

    /** {@link #forLocation(String, StorageSettings, StorageRetryListener)} without a retry listener. */
    public static LogStorage forLocation(String location, StorageSettings settings) {
        return forLocation(location, settings, StorageRetryListener.NONE);
    }

    /**
     * The storage for {@code location} with exactly these settings (the caller decides whether the
     * environment takes part): {@code s3://}/{@code s3a://} → {@link S3LogStorage}; {@code gs://} →
     * the GCS connector; {@code abfs[s]://} → hadoop-azure; {@code az://container/path} → abfss on the
     * account of {@code azure.account}; {@code file:} and plain paths → the local disk. Object stores
     * retry an unreachable endpoint for at most {@code retry.timeout} ({@link StorageRetry}), telling
     * {@code listener} while they do, and fail with one line naming operation, object, cause and what
     * to do.
     */
    public static LogStorage forLocation(String location, StorageSettings settings, StorageRetryListener listener) {
        return forLocation(TableLocation.of(location), settings, listener);
    }

    /** {@link #forLocation(String, StorageSettings, StorageRetryListener)} of a location already parsed. */
    public static LogStorage forLocation(TableLocation location, StorageSettings settings, StorageRetryListener listener) {
        URI uri = location.uri();
        String scheme = location.scheme();
        if (scheme.equals("file")) {
            return new LocalLogStorage();
        }
        try {
            return HadoopStores.open(uri, settings, listener);
        } catch (DeltaLogException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // A bad setting (e.g. an unparsable number) or a broken installation: one line, the cause for --verbose.
            throw new DeltaLogException(DeltaLogException.Kind.IO, Secrets.scrub("cannot open storage for " + uri + ": "
                    + StorageFailure.shortMessage(e) + "; check the storage settings " + settings.masked(), settings),
                    null, null, null, e);
        }
    }

    /** The canonical URI of {@code location}: {@link TableLocation#of(String)}'s (parse there, once, instead). */
    public static URI toUri(String location) {
        return TableLocation.of(location).uri();
    }

    /** The storage inside the retrying wrapper, as {@code type} (tests: S3 request counts), or null. */
    static <T> T unwrap(LogStorage storage, Class<T> type) {
        LogStorage s = storage instanceof RetryingLogStorage r ? r.delegate() : storage;
        return type.isInstance(s) ? type.cast(s) : null;
    }
}
