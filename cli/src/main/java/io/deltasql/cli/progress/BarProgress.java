package io.deltasql.cli.progress;

import java.text.DecimalFormat;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on a terminal: a me.tongfei progress bar on stderr with versions done/total, percent,
 * versions/min (the bar's own speed), actions/s (extra message) and ETA.
 */
public final class BarProgress implements ProgressReporter {
    private ProgressBar bar;
    private long actions;
    private long startNanos;
    /** What storage is retrying, or null: shown instead of the rate, and the ETA shows "?" meanwhile. */
    private volatile String retrying;

    @Override
    public void start(String task, long totalVersions) {
        startNanos = System.nanoTime();
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalVersions)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BAR)
                .setUnit(" versions", 1)
                .showSpeed(new DecimalFormat("#,##0"))
                .setSpeedUnit(ChronoUnit.MINUTES)
                .setUpdateIntervalMillis(250)
                .setEtaFunction(this::eta)
                .build();
    }

    @Override
    public void versionDone(long version, long actionCount) {
        actions += actionCount;
        retrying = null;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        ProgressRate rate = new ProgressRate(bar.getCurrent() + 1, bar.getMax(), actions, elapsed);
        bar.setExtraMessage(String.format(" v%d, %,.0f actions/s", version, rate.actionsPerSecond()));
        bar.step();
    }

    @Override
    public void retrying(String what, Duration retried, Duration limit) {
        retrying = what;
        if (bar != null) {
            bar.setExtraMessage(" retrying storage for " + ProgressRate.format(retried) + " (gives up after "
                    + ProgressRate.format(limit) + "): " + what);
        }
    }

    @Override
    public void recovered() {
        retrying = null;
    }

    private java.util.Optional<Duration> eta(me.tongfei.progressbar.ProgressState state) {
        long done = state.getCurrent() - state.getStart();
        if (retrying != null || done <= 0) {
            return java.util.Optional.empty();
        }
        Duration elapsed = state.getElapsedAfterStart();
        return java.util.Optional.of(Duration.ofMillis(elapsed.toMillis() * (state.getMax() - state.getCurrent()) / done));
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
