package io.deltasql.store.write;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a writer's statements (COPYs, interval ends, head moves) on one background thread, in the
 * order given, so the caller reads and formats the next rows while PostgreSQL takes the last ones:
 * on two cores the reader and the server work at the same time instead of taking turns.
 *
 * <p>At most one job waits while one runs (the caller blocks on the next), so memory stays bounded
 * at three sets of COPY buffers. After a failure the jobs queued behind it are skipped until the
 * pipe has drained, and the failure is reported to the caller by its next {@link #submit},
 * {@link #throwIfFailed} or {@link #awaitIdle}: the writer then rolls the transaction back, so nothing
 * of a failed group is ever committed. A job may end with the group's COMMIT (group mode), so the
 * caller can be a group ahead of what PostgreSQL has made durable.
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

    private record Job(String doing, Work work) {
    }

    private static final Job STOP = new Job("stop", () -> { });

    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private final Object lock = new Object();
    private int outstanding;
    /** Written under the lock; volatile so {@link #throwIfFailed} can look without taking it on every version. */
    private volatile Failure failure;
    /** From a failure until the pipe has drained: the jobs queued behind it belong to a doomed transaction. */
    private boolean skipping;

    StatementPipe(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the work; throws the failure of an earlier job instead, if there was one. */
    void submit(String doing, Work work) throws Failure {
        synchronized (lock) {
            throwFailure();
            outstanding++;
        }
        try {
            queue.put(new Job(doing, work));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (lock) {
                outstanding--;
            }
            throw new Failure(doing, e);
        }
    }

    /** Waits until every job submitted has run; throws the first failure among them (once). */
    void awaitIdle() throws Failure {
        synchronized (lock) {
            try {
                waitUntilIdle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("waiting for PostgreSQL", e);
            }
            skipping = false;
            throwFailure();
        }
    }

    /** Waits until every job submitted has run; a failure stays to be reported by the next call. */
    void awaitIdleKeepingFailure() {
        synchronized (lock) {
            try {
                waitUntilIdle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called holding the lock. */
    private void waitUntilIdle() throws InterruptedException {
        while (outstanding > 0) {
            lock.wait();
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
        if (failure != null) {
            synchronized (lock) {
                throwFailure();
            }
        }
    }

    private void throwFailure() throws Failure {
        if (failure != null) {
            Failure f = failure;
            failure = null;
            throw f;
        }
    }

    private void loop() {
        while (true) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job == STOP) {
                return;
            }
            boolean skip;
            synchronized (lock) {
                skip = skipping;
            }
            Failure jobFailure = null;
            if (!skip) {
                try {
                    job.work().run();
                } catch (SQLException | RuntimeException | Error e) {
                    jobFailure = new Failure(job.doing(), e);
                }
            }
            synchronized (lock) {
                if (jobFailure != null) {
                    skipping = true;
                    if (failure == null) {
                        failure = jobFailure;
                    }
                }
                outstanding--;
                lock.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        awaitIdleQuietly();
        try {
            queue.put(STOP);
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
