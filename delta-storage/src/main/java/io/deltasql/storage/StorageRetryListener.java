package io.deltasql.storage;

import java.time.Duration;

/**
 * Told when a storage operation failed and is being retried, so a driver can say so (the CLI's
 * progress line shows "retrying storage" instead of an ETA that no longer means anything).
 * Called on the thread that reads the log.
 */
public interface StorageRetryListener {
    StorageRetryListener NONE = new StorageRetryListener() {
    };

    /**
     * @param what    e.g. "list s3://lake/t/_delta_log: connection refused by http://127.0.0.1:9000"
     * @param retried how long this operation has been retried so far
     * @param limit   when it gives up ({@code retry.timeout})
     */
    default void retrying(String what, Duration retried, Duration limit) {
    }

    /** The operation that was being retried succeeded. */
    default void recovered() {
    }
}
