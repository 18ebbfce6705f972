package io.deltasql.cli.progress;

import io.deltasql.storage.StorageRetryListener;

/**
 * Where an import reports its progress. The importer knows nothing of terminals: it calls
 * {@link #start}, then {@link #versionDone} after each version, then {@link #close}. The source's
 * storage tells it when it retries ({@link StorageRetryListener}), so the display says "retrying
 * storage" instead of an ETA that no longer means anything.
 */
public interface ProgressReporter extends AutoCloseable, StorageRetryListener {

    /** The import of {@code totalVersions} versions begins. */
    void start(String task, long totalVersions);

    /** One more version is durable; it carried {@code actions} actions. */
    void versionDone(long version, long actions);

    /** Finishes the display (a final line or the finished bar). Idempotent. */
    @Override
    void close();

    /** Reports nothing: JSON mode with --progress=none, and tests. */
    ProgressReporter NONE = new ProgressReporter() {
        @Override
        public void start(String task, long totalVersions) {
        }

        @Override
        public void versionDone(long version, long actions) {
        }

        @Override
        public void close() {
        }
    };
}
