package io.deltasql.log.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.parquet.io.InputFile;

/**
 * The only way the reader touches storage: list a directory, open a file. Nothing in
 * {@code delta-log} assumes a local disk; object stores plug in here.
 */
public interface LogStorage extends AutoCloseable {

    /**
     * The files directly in {@code dir} whose names sort after {@code startAfter} (all when null),
     * sorted by name. A directory that does not exist yields an empty list. Object stores use the
     * start key to avoid listing a whole log on every poll.
     */
    List<FileEntry> list(String dir, String startAfter) throws IOException;

    /**
     * The names of the sub-directories directly in {@code dir}, sorted; empty when {@code dir} does not exist.
     * For finding the tables under a root (the Connect source's {@code delta.root}); a log reader never needs it.
     */
    default List<String> listDirectories(String dir) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list directories");
    }

    /** Metadata of one file, or null if it does not exist. */
    FileEntry stat(String path) throws IOException;

    InputStream open(String path) throws IOException;

    /**
     * Opens {@code file} as a listing found it. A store that asks for a file's length before reading
     * it (S3A sends a HEAD before the GET) takes the listed length instead: one round trip per commit,
     * not two. The default opens by path.
     */
    default InputStream open(FileEntry file) throws IOException {
        return open(file.path());
    }

    /**
     * How many reads a reader keeps in flight to hide this storage's latency: one for a local disk
     * (nothing to hide); an object store's read waits a round trip, and {@link #REMOTE_READS_AHEAD}
     * of them overlap the waits. (Parsing commits on several cores is another matter:
     * {@code CommitPrefetch.parsingThreads}.)
     */
    default int readsAhead() {
        return 1;
    }

    /** {@link #readsAhead()} of an object store: a commit's GET waits ~10–50 ms on a cloud, its parse well under 1 ms. */
    int REMOTE_READS_AHEAD = 16;

    /** The file for parquet-hadoop's reader. */
    InputFile parquetFile(FileEntry file) throws IOException;

    /** {@code child} resolved against directory {@code dir}. */
    default String resolve(String dir, String child) {
        return dir.endsWith("/") ? dir + child : dir + "/" + child;
    }

    @Override
    void close() throws IOException;
}
