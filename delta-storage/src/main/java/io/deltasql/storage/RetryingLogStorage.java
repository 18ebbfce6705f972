package io.deltasql.storage;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry policy of every object store, in one place: a list, stat, open or read that fails
 * because the endpoint is unreachable or overloaded is retried with growing pauses until
 * {@link StorageRetry#timeout()} has passed since its first failure; then, and at once for any other
 * failure (access denied, no such bucket, unknown host), it ends in ONE line — operation, object,
 * cause, what to do — as a {@link DeltaLogException} of kind {@code IO} (the connector turns that
 * into Connect's {@code RetriableException}). Streams re-open at their position after a failed read.
 */
final class RetryingLogStorage implements LogStorage {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingLogStorage.class);

    private final StorageRetry retry;
    private final StoreInfo store;
    private final StorageRetryListener listener;
    private final LogStorage delegate;

    /** Opens the store with {@code opener} (its start-up requests are retried like any other). */
    RetryingLogStorage(Call<LogStorage> opener, String location, StorageRetry retry, StoreInfo store,
            StorageRetryListener listener) {
        this.retry = retry;
        this.store = store;
        this.listener = listener;
        this.delegate = call("open", location, opener);
    }

    /** The store underneath (tests: S3 request counts). */
    LogStorage delegate() {
        return delegate;
    }

    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    @Override
    public List<FileEntry> list(String dir, String startAfter) {
        return call("list", dir, () -> delegate.list(dir, startAfter));
    }

    @Override
    public List<String> listDirectories(String dir) {
        return call("list", dir, () -> delegate.listDirectories(dir));
    }

    @Override
    public FileEntry stat(String path) {
        return call("read", path, () -> delegate.stat(path));
    }

    @Override
    public InputStream open(String path) {
        return new RetryingInputStream(path, () -> delegate.open(path));
    }

    @Override
    public InputStream open(FileEntry file) {
        return new RetryingInputStream(file.path(), () -> delegate.open(file));
    }

    @Override
    public int readsAhead() {
        return delegate.readsAhead();
    }

    @Override
    public InputFile parquetFile(FileEntry file) {
        InputFile inner = call("read", file.path(), () -> delegate.parquetFile(file));
        return new InputFile() {
            @Override
            public long getLength() throws IOException {
                return inner.getLength();
            }

            @Override
            public SeekableInputStream newStream() {
                return new RetryingSeekableStream(file.path(), inner, call("read", file.path(), inner::newStream));
            }

            @Override
            public String toString() {
                return file.path();
            }
        };
    }

    @Override
    public String resolve(String dir, String child) {
        return delegate.resolve(dir, child);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    /** Runs {@code call}, retrying retryable failures within the bound; every failure ends as one line. */
    <T> T call(String operation, String object, Call<T> call) {
        long firstFailure = 0;
        int attempt = 0;
        while (true) {
            long attemptStart = System.nanoTime();
            try {
                T result = call.run();
                if (attempt > 0) {
                    LOG.info("{} {}: recovered after {} retries", operation, object, attempt);
                    listener.recovered();
                }
                return result;
            } catch (IOException | RuntimeException e) {
                if (e instanceof DeltaLogException d && d.kind() != DeltaLogException.Kind.IO) {
                    throw d; // not storage: NOT_A_TABLE, parse errors, … pass unchanged
                }
                StorageFailure f = StorageFailure.classify(e);
                long now = System.nanoTime();
                if (attempt == 0) {
                    firstFailure = now;
                }
                Duration retried = Duration.ofNanos(now - firstFailure);
                Duration pause = StorageRetry.pause(attempt + 1);
                // No attempt is started that cannot end within the bound, judged by the last one's
                // duration (a GCS token request retries itself for ~7 s; a refused connection takes ms).
                Duration lastAttempt = Duration.ofNanos(now - attemptStart);
                if (!f.kind().retryable() || retried.plus(pause).plus(lastAttempt).compareTo(retry.timeout()) > 0) {
                    LOG.debug("{} {} failed ({} after {} retries over {})", operation, object, f, attempt,
                            StorageRetry.format(retried), e);
                    throw f.exception(operation, object, store, attempt == 0 || !f.kind().retryable() ? null
                            : StorageRetry.format(retry.timeout()), e);
                }
                attempt++;
                String what = operation + " " + object + ": " + f.cause() + " at " + store.endpoint();
                LOG.debug("retrying ({}): {}", attempt, what, e);
                listener.retrying(Secrets.scrub(what, store.settings()), retried, retry.timeout());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw f.exception(operation, object, store, "(interrupted)", e);
                }
            }
        }
    }

    /** A stream that re-opens at its position when a read fails with a retryable error. */
    private final class RetryingInputStream extends InputStream {
        private final String path;
        private final Call<InputStream> opener;
        private InputStream in;
        private long pos;

        RetryingInputStream(String path, Call<InputStream> opener) {
            this.path = path;
            this.opener = opener;
            this.in = call("read", path, opener);
        }

        @Override
        public int read() {
            return call("read", path, () -> {
                ensureOpen();
                try {
                    int b = in.read();
                    if (b >= 0) {
                        pos++;
                    }
                    return b;
                } catch (IOException | RuntimeException e) {
                    drop();
                    throw e;
                }
            });
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            return call("read", path, () -> {
                ensureOpen();
                try {
                    int n = in.read(buf, off, len);
                    if (n > 0) {
                        pos += n;
                    }
                    return n;
                } catch (IOException | RuntimeException e) {
                    drop();
                    throw e;
                }
            });
        }

        private void ensureOpen() throws IOException {
            if (in == null) {
                InputStream fresh = opener.run();
                fresh.skipNBytes(pos);
                in = fresh;
            }
        }

        private void drop() {
            InputStream old = in;
            in = null;
            try {
                if (old != null) {
                    old.close();
                }
            } catch (IOException | RuntimeException ignored) {
                // the stream failed already; a new one is opened at the same position
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    /** Parquet's seekable stream with the same re-open-at-position retries. */
    private final class RetryingSeekableStream extends SeekableInputStream {
        private final String path;
        private final InputFile file;
        private SeekableInputStream in;
        private long pos;

        RetryingSeekableStream(String path, InputFile file, SeekableInputStream in) {
            this.path = path;
            this.file = file;
            this.in = in;
        }

        private <T> T guarded(Call<T> op) {
            return call("read", path, () -> {
                if (in == null) {
                    SeekableInputStream fresh = file.newStream();
                    fresh.seek(pos);
                    in = fresh;
                }
                try {
                    T r = op.run();
                    pos = in.getPos();
                    return r;
                } catch (IOException | RuntimeException e) {
                    SeekableInputStream old = in;
                    in = null;
                    try {
                        old.close();
                    } catch (IOException | RuntimeException ignored) {
                        // re-opened at pos on the next attempt
                    }
                    throw e;
                }
            });
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) {
            guarded(() -> {
                in.seek(newPos);
                return null;
            });
        }

        @Override
        public int read() {
            return guarded(() -> in.read());
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return guarded(() -> in.read(b, off, len));
        }

        @Override
        public void readFully(byte[] bytes) {
            readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) {
            long at = pos;
            guarded(() -> {
                in.seek(at);
                in.readFully(bytes, start, len);
                return null;
            });
        }

        @Override
        public int read(ByteBuffer buf) {
            int position = buf.position();
            long at = pos;
            return guarded(() -> {
                buf.position(position);
                in.seek(at);
                return in.read(buf);
            });
        }

        @Override
        public void readFully(ByteBuffer buf) {
            int position = buf.position();
            long at = pos;
            guarded(() -> {
                buf.position(position);
                in.seek(at);
                in.readFully(buf);
                return null;
            });
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
