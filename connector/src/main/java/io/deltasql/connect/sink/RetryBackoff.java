package io.deltasql.connect.sink;

import org.apache.kafka.common.utils.Time;

/**
 * Doubling waits between attempts to reach PostgreSQL again, bounded; back to the first after a
 * success. Also knows how long PostgreSQL has been away (since the first failure after a success),
 * on the clock it is given (Kafka's {@link Time}: the system's, or a test's).
 */
final class RetryBackoff {
    static final long FIRST_MS = 250;
    static final long MAX_MS = 30_000;

    private final long firstMs;
    private final long maxMs;
    private final Time time;
    private int failures;
    private long firstFailureMs;

    RetryBackoff(Time time) {
        this(FIRST_MS, MAX_MS, time);
    }

    RetryBackoff(long firstMs, long maxMs, Time time) {
        this.firstMs = firstMs;
        this.maxMs = maxMs;
        this.time = time;
    }

    /** The wait before the next attempt: firstMs, 2×, 4×, … up to maxMs. */
    long next() {
        if (failures == 0) {
            firstFailureMs = time.milliseconds();
        }
        long wait = firstMs << Math.min(failures, 30);
        failures++;
        return Math.min(wait, maxMs);
    }

    /** Milliseconds since the first failure after the last success (0 before any failure). */
    long failingForMs() {
        return failures == 0 ? 0 : time.milliseconds() - firstFailureMs;
    }

    void reset() {
        failures = 0;
    }
}
