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
                .build();
    }

    @Override
    public void versionDone(long version, long actionCount) {
        actions += actionCount;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        ProgressRate rate = new ProgressRate(bar.getCurrent() + 1, bar.getMax(), actions, elapsed);
        bar.setExtraMessage(String.format(" v%d, %,.0f actions/s", version, rate.actionsPerSecond()));
        bar.step();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
