package io.deltasql.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Connect benchmark's result table (Markdown, so it can be pasted into docs/performance.md). */
final class ConnectReport {
    private final List<String> notes = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    private String header = "";

    void header(String text) {
        header = text;
    }

    void note(String text) {
        notes.add(text);
    }

    /**
     * A throughput row; {@code target} 0 for none. {@code cpuSeconds}: the benchmark's JVM (broker, worker,
     * connectors); {@code pgSeconds}: PostgreSQL's backends of the benchmark's database.
     */
    void rate(String what, long actions, String work, double seconds, double cpuSeconds, double pgSeconds,
              double target) {
        double rate = actions / seconds;
        String verdict = target <= 0 ? "(no own target)"
                : String.format(Locale.ROOT, ">= %,.0f actions/s: %s", target, rate >= target ? "met"
                        : actions / cpuSeconds >= target ? "MISSED (met per process CPU-second)" : "MISSED");
        rows.add(String.format(Locale.ROOT, "| %s | %s | %.2f s | %,.0f actions/s | %,.0f actions/s | %,.0f actions/s | %s |",
                what, work, seconds, rate, actions / cpuSeconds, actions / (cpuSeconds + pgSeconds), verdict));
    }

    void lag(String what, String work, ConnectLag lag, double targetP99Ms) {
        rows.add(String.format(Locale.ROOT, "| %s | %s | p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (min %.0f ms) | | | | p99 < %.0f ms: %s |",
                what, work, lag.percentile(50), lag.percentile(95), lag.percentile(99), lag.max(), lag.min(),
                targetP99Ms, lag.percentile(99) < targetP99Ms ? "met" : "MISSED"));
    }

    void print(PrintStream out) {
        out.println(header);
        notes.forEach(n -> out.println("  " + n));
        out.println();
        out.println("| measurement | work | time | rate (wall) | rate per process CPU-second | rate per CPU-second, process + PostgreSQL | target |");
        out.println("|---|---|---|---|---|---|---|");
        rows.forEach(out::println);
        out.flush();
    }
}
