package io.deltasql.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The background fetch of live files: order, flat read-ahead, early close, the caller's own queries meanwhile, failures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveFilesTest {
    private static final int FILES = 5_000;

    private static String file(int i) {
        return "part-" + i + ".parquet";
    }

    @Test
    void everyFileArrivesInTheQuerysOrder() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        try (LiveFiles<String> files = LiveFiles.fetch(lock, sink -> {
            for (int i = 0; i < FILES; i++) {
                sink.accept(file(i));
            }
        })) {
            int n = 0;
            while (files.hasNext()) {
                assertThat(files.next()).isEqualTo("part-" + n + ".parquet");
                n++;
            }
            assertThat(n).isEqualTo(FILES);
        }
    }

    @Test
    void theFetchReadsOnlyABoundedWayAheadAndStopsWhenClosed() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        AtomicInteger produced = new AtomicInteger();
        CountDownLatch ended = new CountDownLatch(1);
        LiveFiles<String> files = LiveFiles.fetch(lock, sink -> {
            try {
                for (int i = 0; i < FILES; i++) {
                    sink.accept(file(i));
                    produced.incrementAndGet();
                }
            } finally {
                ended.countDown();
            }
        });
        assertThat(files.next()).isEqualTo("part-0.parquet");
        Thread.sleep(200);
        assertThat(produced.get()).as("read ahead").isLessThanOrEqualTo(LiveFiles.AHEAD + 2);
        files.close();
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the query ends").isTrue();
        assertThat(produced.get()).isLessThan(FILES);
        assertThat(files.hasNext()).isFalse();
        assertThat(lock.tryLock(10, TimeUnit.SECONDS)).as("the connection is free again").isTrue();
    }

    @Test
    void theCallerMayUseTheConnectionInTheMiddleOfAFetch() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        try (LiveFiles<String> files = LiveFiles.fetch(lock, sink -> {
            for (int i = 0; i < FILES; i++) {
                sink.accept(file(i));
            }
        })) {
            assertThat(files.next()).isEqualTo("part-0.parquet");
            Thread.sleep(100); // the fetch is now waiting for the caller to read on
            assertThat(lock.tryLock(10, TimeUnit.SECONDS)).as("the fetch reads the rest ahead and lets go").isTrue();
            lock.unlock();
            int n = 1;
            while (files.hasNext()) {
                files.next();
                n++;
            }
            assertThat(n).isEqualTo(FILES);
        }
    }

    @Test
    void aFailureOfTheQueryReachesTheCaller() {
        ReentrantLock lock = new ReentrantLock();
        try (LiveFiles<String> files = LiveFiles.fetch(lock, sink -> {
            sink.accept(file(0));
            throw new IllegalStateException("connection lost");
        })) {
            assertThatThrownBy(() -> {
                while (files.hasNext()) {
                    files.next();
                }
            }).isInstanceOf(IllegalStateException.class).hasMessage("connection lost");
        }
    }
}
