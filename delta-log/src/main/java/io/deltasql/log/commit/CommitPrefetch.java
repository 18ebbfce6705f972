package io.deltasql.log.commit;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Futures;
import io.deltasql.log.storage.LogStorage;
import java.util.ArrayDeque;
import java.util.PrimitiveIterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

/**
 * Reads the commits of a replay, an import, a dry run or a health check ahead of their consumer, on
 * a few daemon threads, and hands them over in version order.
 *
 * <p>Why: parsing a commit's JSON (Jackson, then the action codec) is most of a replay's CPU, and
 * read one at a time a replay keeps one core busy while the others wait; on an object store each
 * read also waits for a round trip (S3A over loopback: ~1 ms, a cloud: 10–50 ms), which one reader
 * at a time pays in full for every version. What stays as it was:
 * <ul>
 *   <li>the order: the consumer takes the versions in the order given;</li>
 *   <li>the errors: a commit that cannot be read throws its own {@link DeltaLogException} when the
 *       consumer takes that version, not before, so every earlier version is applied first;</li>
 *   <li>memory: at most {@code window} commits, and about {@link #MAX_BYTES_AHEAD} bytes of commit
 *       files, are read ahead, so a log of huge commits does not fill a small heap.</li>
 * </ul>
 * With one thread (a one-core machine) nothing is read ahead: {@link #take} reads on the caller's thread.
 */
public final class CommitPrefetch<T> implements AutoCloseable {
    /** Beyond this many bytes of commit files in flight, only the next commit is read ahead. */
    static final long MAX_BYTES_AHEAD = 8L << 20;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final PrimitiveIterator.OfLong versions;
    private final LongFunction<T> read;
    private final LongUnaryOperator bytes;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Ahead<T>> ahead = new ArrayDeque<>();
    private long bytesAhead;

    private record Ahead<T>(long version, long bytes, Future<T> commit) {
    }

    /**
     * @param versions the versions the consumer will take, in that order
     * @param read     reads one commit — parsed, or only its bytes (on a worker thread: it must be safe to call concurrently)
     * @param bytes    a commit file's size, for the memory bound (0 when unknown)
     * @param threads  worker threads ({@link #parsingThreads}, or the storage's {@code readsAhead()} for bytes only);
     *                 1 or less reads on the caller's thread
     */
    public CommitPrefetch(PrimitiveIterator.OfLong versions, LongFunction<T> read,
                          LongUnaryOperator bytes, int threads) {
        this.versions = versions;
        this.read = read;
        this.bytes = bytes;
        this.window = threads <= 1 ? 0 : 4 * threads;
        this.pool = threads <= 1 ? null : pool(threads);
    }

    /**
     * Workers for reading and parsing commits: the cores, at most four (parsing is most of the work),
     * or the reads the storage keeps in flight when they are more.
     */
    public static int parsingThreads(LogStorage storage) {
        return Math.max(storage.readsAhead(), Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** The commit of {@code version}, which must be the next of the versions given. */
    public T take(long version) {
        if (pool == null) {
            return read.apply(version);
        }
        fill();
        Ahead<T> next = ahead.poll();
        if (next == null || next.version() != version) {
            throw new IllegalStateException("commit " + version + " taken out of order: the next one read ahead is "
                    + (next == null ? "none" : next.version()));
        }
        bytesAhead -= next.bytes();
        fill(); // the workers go on while the caller applies this one
        return await(next);
    }

    private void fill() {
        while (ahead.size() < window && versions.hasNext() && (ahead.isEmpty() || bytesAhead < MAX_BYTES_AHEAD)) {
            long v = versions.nextLong();
            long size = Math.max(0, bytes.applyAsLong(v));
            ahead.add(new Ahead<>(v, size, pool.submit(() -> read.apply(v))));
            bytesAhead += size;
        }
    }

    private static <T> T await(Ahead<T> a) {
        try {
            return a.commit().get();
        } catch (ExecutionException e) {
            // the commit's own error (PARSE, IO, GAP…), as a sequential read throws it
            throw Futures.failure(e, "reading commit " + a.version());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeltaLogException(DeltaLogException.Kind.IO, "interrupted while reading commit " + a.version(),
                    null, a.version(), null, e);
        }
    }

    /** Stops the reads still ahead (their commits are dropped). */
    @Override
    public void close() {
        if (pool != null) {
            ahead.forEach(a -> a.commit().cancel(true));
            ahead.clear();
            pool.shutdownNow();
        }
    }

    /** Idle threads end after a second, so a prefetch its consumer never closes holds nothing for long. */
    private static ExecutorService pool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemonThreads() {
        int poolNumber = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "deltasql-commit-reader-" + poolNumber + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
