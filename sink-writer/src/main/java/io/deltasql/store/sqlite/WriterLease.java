package io.deltasql.store.sqlite;

import io.deltasql.store.SqliteTarget;
import io.deltasql.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A writer's hold on a store file for as long as it is open: an operating-system lock on the file
 * {@code <store>-writer} beside it. SQLite's own write lock keeps one writer per transaction, but a
 * writer lets go of it between COMMIT and re-taking it; on a loaded machine a second writer could
 * take that instant and keep the lock for its whole import, and the first one would then fail. The
 * lease closes that gap: a second writer fails at once, whatever the first is doing. The operating
 * system drops the lock when its process dies (kill -9 included), so a crashed import leaves nothing
 * to clean up and {@code --resume} can start at once. The writer deletes the file when it closes,
 * so a directory holds only the store between imports (a killed writer leaves it, free, for the
 * next one to take and delete). Should a second writer have opened the file just before that
 * delete, it may lock the deleted file: SQLite's own lock still keeps the two apart, as without a
 * lease.
 */
final class WriterLease implements AutoCloseable {
    static final String SUFFIX = "-writer";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLease(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lease without waiting, or fails with {@link SqliteErrors#busy} when another writer holds it. */
    static WriterLease take(SqliteTarget target) {
        Path file = file(target);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open " + file + " to take the writer's lock — check that its directory is writable", e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw SqliteErrors.busy(target);
            }
            return new WriterLease(file, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw SqliteErrors.busy(target); // a writer of this same process holds it
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + file + " for the writer: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Fails with {@link SqliteErrors#busy} when a writer holds the lease; creates nothing (a missing
     * lease file means no writer is running: each deletes it when done) and writes nothing, so a dry
     * run may ask too.
     */
    static void requireFree(SqliteTarget target) {
        Path file = file(target);
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock shared = channel.tryLock(0, Long.MAX_VALUE, true);
            if (shared == null) {
                throw SqliteErrors.busy(target);
            }
            shared.release();
        } catch (OverlappingFileLockException e) {
            throw SqliteErrors.busy(target);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + " to check for a writer: " + e.getMessage(), e);
        }
    }

    static Path file(SqliteTarget target) {
        return target.file().resolveSibling(target.file().getFileName() + SUFFIX);
    }

    /** Deletes the file while still holding its lock (a writer waiting on it then finds it gone), then lets go. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left behind, free: the next writer takes it
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held any more that a caller could act on
        }
    }
}
