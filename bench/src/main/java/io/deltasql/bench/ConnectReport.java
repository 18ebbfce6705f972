package io.deltasql.bench;

import java.util.Locale;

/** The Connect benchmark's result table: throughput (wall, per CPU-second, with PostgreSQL) and lag rows. */
final class ConnectReport extends MarkdownReport {
    ConnectReport() {
        super("| measurement | work | time | rate (wall) | rate per process CPU-second | rate per CPU-second, process + PostgreSQL | target |");
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
        addRow(String.format(Locale.ROOT, "| %s | %s | %.2f s | %,.0f actions/s | %,.0f actions/s | %,.0f actions/s | %s |",
                what, work, seconds, rate, actions / cpuSeconds, actions / (cpuSeconds + pgSeconds), verdict));
    }

    /** A ratio of two rates measured in this run (e.g. end to end over the CLI import); {@code target} 0 for none. */
    void ratio(String what, String of, double value, double target) {
        addRow(String.format(Locale.ROOT, "| %s | %s | | **%.2f** | | | %s |", what, of, value,
                target <= 0 ? "(no own target)" : String.format(Locale.ROOT, ">= %.1f: %s", target,
                        value >= target ? "met" : "MISSED")));
    }

    void lag(String what, String work, ConnectLag lag, double targetP99Ms) {
        addRow(String.format(Locale.ROOT, "| %s | %s | p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (min %.0f ms) | | | | p99 < %.0f ms: %s |",
                what, work, lag.percentile(50), lag.percentile(95), lag.percentile(99), lag.max(), lag.min(),
                targetP99Ms, lag.percentile(99) < targetP99Ms ? "met" : "MISSED"));
    }
}
