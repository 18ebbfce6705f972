package io.deltasql.connect.metrics;

/** Events per second over a sliding window of about ten seconds (two buckets). Thread-safe. */
final class RateMeter {
    private static final long WINDOW_MS = 10_000;
    private long bucketStart = System.currentTimeMillis();
    private long current;
    private long previous;

    synchronized void mark(long n) {
        roll(System.currentTimeMillis());
        current += n;
    }

    synchronized double perSecond() {
        long now = System.currentTimeMillis();
        roll(now);
        long elapsed = now - bucketStart;
        double span = WINDOW_MS + elapsed;
        return (previous + current) * 1000.0 / Math.max(span, 1);
    }

    private void roll(long now) {
        if (now - bucketStart >= 2 * WINDOW_MS) {
            previous = 0;
            current = 0;
            bucketStart = now;
        } else if (now - bucketStart >= WINDOW_MS) {
            previous = current;
            current = 0;
            bucketStart += WINDOW_MS;
        }
    }
}
