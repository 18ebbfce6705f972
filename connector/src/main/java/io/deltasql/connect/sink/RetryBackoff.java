package io.deltasql.connect.sink;

/** Doubling waits between attempts to reach PostgreSQL again, bounded; back to the first after a success. */
final class RetryBackoff {
    private final long firstMs;
    private final long maxMs;
    private int failures;

    RetryBackoff(long firstMs, long maxMs) {
        this.firstMs = firstMs;
        this.maxMs = maxMs;
    }

    /** The wait before the next attempt: firstMs, 2×, 4×, … up to maxMs. */
    long next() {
        long wait = firstMs << Math.min(failures, 30);
        failures++;
        return Math.min(wait, maxMs);
    }

    void reset() {
        failures = 0;
    }
}
