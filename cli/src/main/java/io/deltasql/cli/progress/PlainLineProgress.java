package io.deltasql.cli.progress;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress for logs and pipes (no terminal): one plain line every few seconds, never a carriage
 * return, so a CI log or {@code 2> import.log} stays readable.
 */
public final class PlainLineProgress implements ProgressReporter {
    private final PrintWriter err;
    private final Clock clock;
    private final Duration interval;
    private String task = "import";
    private long total;
    private long done;
    private long actions;
    private long lastVersion = -1;
    private Instant started;
    private Instant lastPrinted;
    private boolean closed;
    private String retrying;
    private Duration retried;
    private Duration retryLimit;
    private Instant lastRetryPrinted;

    public PlainLineProgress(PrintWriter err, Clock clock, Duration interval) {
        this.err = err;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void start(String task, long totalVersions) {
        this.task = task;
        this.total = totalVersions;
        this.started = clock.instant();
        this.lastPrinted = started;
    }

    @Override
    public void versionDone(long version, long actionCount) {
        done++;
        actions += actionCount;
        lastVersion = version;
        retrying = null;
        Instant now = clock.instant();
        if (Duration.between(lastPrinted, now).compareTo(interval) >= 0) {
            print(now);
            lastPrinted = now;
        }
    }

    /** The first retry is said at once, later ones at the usual interval; the ETA gives way to it meanwhile. */
    @Override
    public void retrying(String what, Duration retriedSoFar, Duration limit) {
        boolean first = retrying == null;
        retrying = what;
        retried = retriedSoFar;
        retryLimit = limit;
        Instant now = clock.instant();
        if (first || lastRetryPrinted == null || Duration.between(lastRetryPrinted, now).compareTo(interval) >= 0) {
            print(now);
            lastRetryPrinted = now;
            lastPrinted = now;
        }
    }

    @Override
    public void recovered() {
        retrying = null;
    }

    @Override
    public void close() {
        if (!closed && started != null) {
            closed = true;
            print(clock.instant());
        }
    }

    private void print(Instant now) {
        if (started == null) { // retrying while the log is still being planned
            err.printf("%s: retrying storage for %s (gives up after %s): %s%n", task, ProgressRate.format(retried),
                    ProgressRate.format(retryLimit), retrying);
            err.flush();
            return;
        }
        ProgressRate r = new ProgressRate(done, total, actions, Duration.between(started, now));
        if (retrying != null) {
            err.printf("%s: %,d/%,d versions (%.0f%%), at version %d: retrying storage for %s (gives up after %s): %s%n",
                    task, r.done(), r.total(), r.percent(), lastVersion, ProgressRate.format(retried),
                    ProgressRate.format(retryLimit), retrying);
            err.flush();
            return;
        }
        err.printf("%s: %,d/%,d versions (%.0f%%), at version %d, %,d actions, %,.0f versions/min, %,.0f actions/s, ETA %s%n",
                task, r.done(), r.total(), r.percent(), lastVersion, r.actions(), r.versionsPerMinute(),
                r.actionsPerSecond(), done >= total ? "0s" : ProgressRate.format(r.eta()));
        err.flush();
    }
}
