package io.deltasql.reader;

import io.deltasql.log.action.AddFile;
import io.delta.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The live files of a snapshot, fetched from the store on a background thread while Kernel consumes
 * them: the thread decodes rows (JDBC, JSON columns) into {@link AddFile}s while the caller's thread
 * builds Kernel's batches and replays them, so a big snapshot uses both cores. At most
 * {@link #CHUNKS_AHEAD} chunks of {@link #CHUNK} files wait between the two: memory stays flat
 * whatever the file count.
 *
 * <p>The fetch holds the table's connection lock for its duration. Should the caller itself ask the
 * store for something meanwhile (it waits for that lock), the fetch stops waiting for the caller and
 * reads the rest ahead, so the two cannot wait on each other. Closing the iterator early stops the
 * query.
 */
final class LiveFiles implements CloseableIterator<AddFile> {
    static final int CHUNK = 2048;
    static final int CHUNKS_AHEAD = 4;

    /** The query: hands each live file to the sink, in the calling thread. */
    interface Query {
        void run(Consumer<AddFile> sink);
    }

    private record Chunk(List<AddFile> files, boolean permitted, RuntimeException failure, boolean last) {
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final Semaphore ahead = new Semaphore(CHUNKS_AHEAD);
    private final ReentrantLock connection;
    private volatile boolean cancelled;
    private Iterator<AddFile> current = Collections.emptyIterator();
    private boolean done;

    private LiveFiles(ReentrantLock connection) {
        this.connection = connection;
    }

    /** Starts {@code query} on a new daemon thread under {@code connection}, the lock of the store connection it uses. */
    static LiveFiles fetch(ReentrantLock connection, Query query) {
        LiveFiles files = new LiveFiles(connection);
        Thread t = new Thread(() -> files.produce(query), "deltasql-live-files");
        t.setDaemon(true);
        t.start();
        return files;
    }

    private void produce(Query query) {
        connection.lock();
        try {
            List<AddFile>[] chunk = newChunk();
            query.run(f -> {
                if (cancelled) {
                    throw new Cancelled();
                }
                chunk[0].add(f);
                if (chunk[0].size() == CHUNK) {
                    send(chunk[0], false);
                    chunk[0] = new ArrayList<>(CHUNK);
                }
            });
            send(chunk[0], true);
        } catch (Cancelled e) {
            // closed by the consumer: nothing more to hand over
        } catch (RuntimeException e) {
            queue.add(new Chunk(List.of(), false, e, true));
        } catch (Error e) {
            queue.add(new Chunk(List.of(), false, new IllegalStateException(e), true));
            throw e;
        } finally {
            connection.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<AddFile>[] newChunk() {
        return new List[] {new ArrayList<AddFile>(CHUNK)};
    }

    /** Waits for room ahead of the consumer — unless the consumer waits for the connection, or is gone. */
    private void send(List<AddFile> files, boolean last) {
        boolean permitted = false;
        try {
            while (!(permitted = ahead.tryAcquire(5, TimeUnit.MILLISECONDS))) {
                if (cancelled) {
                    throw new Cancelled();
                }
                if (connection.hasQueuedThreads()) {
                    break; // the consumer's thread wants the connection: read on without waiting for it
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        }
        queue.add(new Chunk(files, permitted, null, last));
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (done) {
                return false;
            }
            Chunk c;
            try {
                c = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the live files", e);
            }
            if (c.permitted()) {
                ahead.release();
            }
            done = c.last();
            if (c.failure() != null) {
                throw c.failure();
            }
            current = c.files().iterator();
        }
        return true;
    }

    @Override
    public AddFile next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /** Stops the fetch (its query ends at the next row) and drops what was read ahead. */
    @Override
    public void close() {
        if (!done) {
            cancelled = true;
            done = true;
            queue.clear();
            ahead.release(CHUNKS_AHEAD); // a producer waiting for room sees the cancellation at once
        }
        current = Collections.emptyIterator();
    }
}
