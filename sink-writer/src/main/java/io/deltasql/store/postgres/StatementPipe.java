package io.deltasql.store.postgres;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a writer's statements (COPYs, interval ends, head moves) on one background thread, in the
 * order given, so the caller reads and formats the next rows while PostgreSQL takes the last ones:
 * on two cores the reader and the server work at the same time instead of taking turns.
 *
 * <p>A single-thread executor; at most one job waits while one runs (the caller blocks on the next,
 * {@link #slots}), so memory stays bounded at three sets of COPY buffers. After a failure the jobs
 * queued behind it are skipped until the pipe has drained, and the failure is reported to the caller
 * by its next {@link #submit}, {@link #throwIfFailed} or {@link #awaitIdle}: the writer then rolls the
 * transaction back, so nothing of a failed group is ever committed. A job may end with the group's
 * COMMIT (group mode), so the caller can be a group ahead of what PostgreSQL has made durable.
 */
final class StatementPipe implements AutoCloseable {
    interface Work {
        void run() throws SQLException;
    }

    /** A job that failed: what it was doing, and why. */
    static final class Failure extends Exception {
        private final String doing;

        Failure(String doing, Throwable cause) {
            super(cause.getMessage(), cause);
            this.doing = doing;
        }

        String doing() {
            return doing;
        }
    }

    private final ExecutorService executor;
    /** One job running and one waiting. */
    private final Semaphore slots = new Semaphore(2);
    /** The first failure not yet reported to the caller. */
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    /** From a failure until the pipe has drained: the jobs queued behind it belong to a doomed transaction. */
    private volatile boolean skipping;
    /** The job submitted last: jobs run in order, so when it is done, all are. Caller's thread only. */
    private Future<?> last = CompletableFuture.completedFuture(null);

    StatementPipe(String name) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues the work; throws the failure of an earlier job instead, if there was one. */
    void submit(String doing, Work work) throws Failure {
        throwIfFailed();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(doing, e);
        }
        last = executor.submit(() -> {
            try {
                if (!skipping) {
                    work.run();
                }
            } catch (SQLException | RuntimeException | Error e) {
                skipping = true;
                failure.compareAndSet(null, new Failure(doing, e));
            } finally {
                slots.release();
            }
        });
    }

    /** Waits until every job submitted has run; throws the first failure among them (once). */
    void awaitIdle() throws Failure {
        try {
            waitUntilIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("waiting for PostgreSQL", e);
        }
        skipping = false;
        throwIfFailed();
    }

    /** Waits until every job submitted has run; a failure stays to be reported by the next call. */
    void awaitIdleKeepingFailure() {
        try {
            waitUntilIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitUntilIdle() throws InterruptedException {
        try {
            last.get();
        } catch (ExecutionException e) {
            // cannot happen: a job records its own failure
        }
    }

    /** Waits until idle and forgets any failure (the caller is rolling back anyway). */
    void awaitIdleQuietly() {
        try {
            awaitIdle();
        } catch (Failure ignored) {
            // reported before, or moot: everything uncommitted is being discarded
        }
    }

    /** Throws the failure of a job that has run, if there is one; does not wait for the running job. */
    void throwIfFailed() throws Failure {
        Failure f = failure.getAndSet(null);
        if (f != null) {
            throw f;
        }
    }

    @Override
    public void close() {
        awaitIdleQuietly();
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
