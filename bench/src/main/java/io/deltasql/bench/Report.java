package io.deltasql.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's result table (Markdown, so it can be pasted into docs/performance.md). */
final class Report {
    private final List<String> notes = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    private String header = "";

    void header(String text) {
        header = text;
    }

    void note(String text) {
        notes.add(text);
    }

    void row(String what, ReaderBenchmark.Best best, String unit, double target) {
        String verdict = best.medianRate() >= target ? "met"
                : best.cpuRate() >= target ? "met per CPU-second only (wall-clock slowed by machine load)" : "MISSED";
        rows.add(String.format(Locale.ROOT, "| %s | %,d %s | %.2f s | %,.0f %s/s | %,.0f %s/s | %,.0f %s/s | >= %,.0f %s/s: %s |",
                what, best.items(), unit, best.bestSeconds(), best.bestRate(), unit, best.medianRate(), unit,
                best.cpuRate(), unit, target, unit, verdict));
    }

    void heap(long files, long maxSampled, long poolPeaks, long afterGc, int gcs, long retained, long maxHeap) {
        rows.add(String.format(Locale.ROOT,
                "| peak heap streaming the %,d-file checkpoint | max live after GC %s (%d GCs); max used %s;"
                        + " sum of pool peaks %s | | retained after: %s | | | completes under max heap %s: met |",
                files, mb(afterGc), gcs, mb(maxSampled), mb(poolPeaks), mb(retained), mb(maxHeap)));
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    void print(PrintStream out) {
        out.println(header);
        notes.forEach(n -> out.println("  " + n));
        out.println();
        out.println("| measurement | work | best time | best rate (wall) | median rate (wall) | rate per process CPU-second | target |");
        out.println("|---|---|---|---|---|---|---|");
        rows.forEach(out::println);
    }
}
