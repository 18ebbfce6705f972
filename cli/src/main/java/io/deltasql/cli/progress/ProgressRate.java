package io.deltasql.cli.progress;

import java.time.Duration;

/** The figures every progress display shows, computed the same way for the bar and the plain line. */
public record ProgressRate(long done, long total, long actions, Duration elapsed) {

    public double percent() {
        return total <= 0 ? 100.0 : 100.0 * done / total;
    }

    public double versionsPerMinute() {
        double minutes = elapsed.toMillis() / 60_000.0;
        return minutes <= 0 ? 0 : done / minutes;
    }

    public double actionsPerSecond() {
        double seconds = elapsed.toMillis() / 1000.0;
        return seconds <= 0 ? 0 : actions / seconds;
    }

    /** Remaining time at the average speed so far; null before the first version. */
    public Duration eta() {
        if (done <= 0 || elapsed.isZero()) {
            return null;
        }
        return Duration.ofMillis((long) ((double) elapsed.toMillis() / done * (total - done)));
    }

    /** "1h02m03s", "4m05s", "7s". */
    public static String format(Duration d) {
        if (d == null) {
            return "?";
        }
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (s >= 60) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
