package io.deltasql.reader;

import io.delta.kernel.utils.CloseableIterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The live files of a snapshot, fetched from the store on a background thread while Kernel consumes
 * them: the thread reads the rows (JDBC, JSON columns) into ready batches of files while the caller's
 * thread replays them in Kernel, so a big snapshot uses both cores. At most {@link #AHEAD} batches
 * wait between the two: memory stays flat whatever the file count.
 *
 * <p>The fetch holds the table's connection lock for its duration. Should the caller itself ask the
 * store for something meanwhile (it waits for that lock), the fetch stops waiting for the caller and
 * reads the rest ahead, so the two cannot wait on each other. Closing the iterator early stops the
 * query at its next batch.
 */
final class LiveFiles<T> implements CloseableIterator<T> {
    static final int AHEAD = 4;

    /** The query: hands each batch to the sink, in the calling thread. */
    interface Query<T> {
        void run(Consumer<T> sink);
    }

    private record Item<T>(T batch, boolean permitted, RuntimeException failure, boolean last) {
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private final LinkedBlockingQueue<Item<T>> queue = new LinkedBlockingQueue<>();
    private final Semaphore ahead = new Semaphore(AHEAD);
    private final ReentrantLock connection;
    private volatile boolean cancelled;
    private Item<T> current; // the item next() hands out, read by hasNext()
    private boolean done;

    private LiveFiles(ReentrantLock connection) {
        this.connection = connection;
    }

    /** Starts {@code query} on a new daemon thread under {@code connection}, the lock of the store connection it uses. */
    static <T> LiveFiles<T> fetch(ReentrantLock connection, Query<T> query) {
        LiveFiles<T> files = new LiveFiles<>(connection);
        Thread t = new Thread(() -> files.produce(query), "deltasql-live-files");
        t.setDaemon(true);
        t.start();
        return files;
    }

    private void produce(Query<T> query) {
        connection.lock();
        try {
            query.run(this::send);
            queue.add(new Item<>(null, false, null, true));
        } catch (Cancelled e) {
            // closed by the consumer: nothing more to hand over
        } catch (RuntimeException e) {
            queue.add(new Item<>(null, false, e, true));
        } catch (Error e) {
            queue.add(new Item<>(null, false, new IllegalStateException(e), true));
            throw e;
        } finally {
            connection.unlock();
        }
    }

    /** Waits for room ahead of the consumer — unless the consumer waits for the connection, or is gone. */
    private void send(T batch) {
        boolean permitted = ahead.tryAcquire();
        try {
            // the consumer's thread wanting the connection: read on without waiting for it
            while (!permitted && !connection.hasQueuedThreads()) {
                if (cancelled) {
                    throw new Cancelled();
                }
                permitted = ahead.tryAcquire(5, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
        if (cancelled) {
            throw new Cancelled();
        }
        queue.add(new Item<>(batch, permitted, null, false));
    }

    @Override
    public boolean hasNext() {
        while (current == null) {
            if (done) {
                return false;
            }
            Item<T> i;
            try {
                i = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the live files", e);
            }
            if (i.permitted()) {
                ahead.release();
            }
            done = i.last();
            if (i.failure() != null) {
                throw i.failure();
            }
            current = i.last() ? null : i;
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T batch = current.batch();
        current = null;
        return batch;
    }

    /** Stops the fetch (its query ends at the next batch) and drops what was read ahead. */
    @Override
    public void close() {
        if (!done) {
            cancelled = true;
            done = true;
            queue.clear();
            ahead.release(AHEAD); // a producer waiting for room sees the cancellation at once
        }
        current = null;
    }
}
