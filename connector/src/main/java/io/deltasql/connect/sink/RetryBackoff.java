package io.deltasql.connect.sink;

/**
 * Doubling waits between attempts to reach PostgreSQL again, bounded; back to the first after a
 * success. Also knows how long PostgreSQL has been away (since the first failure after a success).
 */
final class RetryBackoff {
    private final long firstMs;
    private final long maxMs;
    private int failures;
    private long firstFailureNanos;

    RetryBackoff(long firstMs, long maxMs) {
        this.firstMs = firstMs;
        this.maxMs = maxMs;
    }

    /** The wait before the next attempt: firstMs, 2×, 4×, … up to maxMs. */
    long next() {
        if (failures == 0) {
            firstFailureNanos = System.nanoTime();
        }
        long wait = firstMs << Math.min(failures, 30);
        failures++;
        return Math.min(wait, maxMs);
    }

    /** Milliseconds since the first failure after the last success (0 before any failure). */
    long failingForMs() {
        return failures == 0 ? 0 : (System.nanoTime() - firstFailureNanos) / 1_000_000;
    }

    void reset() {
        failures = 0;
    }
}
