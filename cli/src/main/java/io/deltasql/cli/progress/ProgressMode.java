package io.deltasql.cli.progress;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/** How to show progress: {@code auto} picks the bar on a terminal and plain lines otherwise. */
public enum ProgressMode {
    AUTO, BAR, PLAIN, NONE;

    /** Plain lines at most this often: often enough to show life, rare enough for a log file. */
    public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    /**
     * The reporter for this mode. Progress always goes to stderr ({@code err}), so stdout carries only
     * the result (text report or JSON) and can be piped.
     */
    public ProgressReporter reporter(PrintWriter err) {
        ProgressMode mode = this;
        if (mode == AUTO) {
            // System.console() is non-null only when the process talks to a terminal; a pipe or a CI
            // log gets plain lines instead of a bar full of carriage returns.
            mode = System.console() != null ? BAR : PLAIN;
        }
        switch (mode) {
            case BAR:
                return new BarProgress();
            case PLAIN:
                return new PlainLineProgress(err, Clock.systemUTC(), PLAIN_INTERVAL);
            default:
                return ProgressReporter.NONE;
        }
    }
}
