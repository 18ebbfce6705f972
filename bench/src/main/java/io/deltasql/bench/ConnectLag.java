package io.deltasql.bench;

import java.util.Arrays;

/** Lag samples (ms) and their nearest-rank percentiles. */
final class ConnectLag {
    private final double[] sorted;

    ConnectLag(double[] millis) {
        this.sorted = millis.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile, p in (0, 100]. */
    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }
}
