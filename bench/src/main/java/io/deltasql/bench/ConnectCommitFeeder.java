package io.deltasql.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The writer of the end-to-end lag measurement: publishes pre-generated commit files of a staging
 * table into a live table's {@code _delta_log}, one version every {@code intervalMs}, each written under a
 * temporary name and renamed (a reader never sees a partial commit), and records when each became visible.
 * Pre-generating keeps the writer's own cost (a synthetic table replays its log to append) out of the schedule.
 */
final class ConnectCommitFeeder implements AutoCloseable {
    private final Path stagingLog;
    private final Path liveLog;
    private final long first;
    private final long last;
    private final long intervalMs;
    private final long[] visibleNanos;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile long lateMaxNanos;

    ConnectCommitFeeder(Path stagingLog, Path liveLog, long first, long last, long intervalMs) {
        this.stagingLog = stagingLog;
        this.liveLog = liveLog;
        this.first = first;
        this.last = last;
        this.intervalMs = intervalMs;
        this.visibleNanos = new long[(int) (last + 1)];
        this.thread = new Thread(this::run, "commit-feeder");
        thread.setDaemon(true);
    }

    /** Copies one commit into the live log atomically; returns when it is visible. */
    static void publish(Path stagingLog, Path liveLog, long version) throws IOException {
        String name = String.format(Locale.ROOT, "%020d.json", version);
        Path tmp = liveLog.resolve("." + name + ".tmp");
        Files.copy(stagingLog.resolve(name), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, liveLog.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long start = System.nanoTime();
        try {
            for (long v = first; v <= last; v++) {
                // Fixed rate against the start, so a slow copy does not stretch the schedule.
                long due = start + (v - first) * intervalMs * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } else {
                    lateMaxNanos = Math.max(lateMaxNanos, -wait);
                }
                publish(stagingLog, liveLog, v);
                visibleNanos[(int) v] = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    /** When version {@code v}'s file became visible (System.nanoTime), or 0 if not yet. */
    long visibleAt(long v) {
        return visibleNanos[(int) v];
    }

    /** The largest delay of a publication behind its schedule (the machine is shared). */
    long lateMaxMillis() {
        return lateMaxNanos / 1_000_000L;
    }

    void checkHealthy() {
        if (failure != null) {
            throw failure instanceof IOException io ? new UncheckedIOException(io)
                    : new IllegalStateException("commit feeder failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
