package io.deltasql.cli.command;

import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.storage.LogStorages;
import io.deltasql.storage.StorageRetryListener;
import io.deltasql.storage.StorageSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command's source table: the storage {@link LogStorages#forLocation(String, StorageSettings)} picks
 * for the location with the command's storage settings, and the {@link DeltaLog} on it; closing this
 * closes both. The one place the CLI opens a source, so import, validate and compare read object
 * storage alike.
 */
final class SourceLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceLog.class);

    private final LogStorage storage;
    private final DeltaLog log;

    private SourceLog(LogStorage storage, DeltaLog log) {
        this.storage = storage;
        this.log = log;
    }

    /** The storage alone (validate opens its own logs on it); the caller closes it. */
    static LogStorage storage(String location, StorageSettings settings) {
        return storage(location, settings, StorageRetryListener.NONE);
    }

    static LogStorage storage(String location, StorageSettings settings, StorageRetryListener retries) {
        // masked(): --verbose shows which settings were used, never a secret.
        LOG.debug("storage settings for {}: {}", location, settings.masked());
        return LogStorages.forLocation(location, settings, retries);
    }

    /** Opens the table; NOT_A_TABLE / IO failures close the storage and propagate. */
    static SourceLog open(String location, StorageSettings settings, StorageRetryListener retries) {
        String uri = LogStorages.toUri(location).toString();
        LogStorage storage = storage(uri, settings, retries);
        try {
            return new SourceLog(storage, DeltaLog.open(uri, storage));
        } catch (RuntimeException e) {
            closeQuietly(storage, e);
            throw e;
        }
    }

    DeltaLog log() {
        return log;
    }

    @Override
    public void close() {
        try (LogStorage s = storage) {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the storage of " + log.location() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(LogStorage storage, RuntimeException primary) {
        try {
            storage.close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }
}
