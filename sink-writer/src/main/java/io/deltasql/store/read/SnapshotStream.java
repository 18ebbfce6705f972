package io.deltasql.store.read;

import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;

/**
 * Where {@link SnapshotQueries#stream} hands a snapshot, piece by piece, so that no list of its
 * files is ever held: first the {@link Head} (everything but the files, with their count and total
 * size), then each file in (path, dv id) code-point order (unless the sink needs {@link #ordered no order}), straight
 * from the database cursor.
 */
public interface SnapshotStream {

    /** Called once, before any file. */
    void head(Head head);

    /** One live file; {@code dvId} is null for none. */
    void file(String path, long size, String dvId);

    /**
     * Whether the files must come in (path, dv id) order (the default). A sink that needs no order
     * (a validation's fingerprints) says so, and the database skips the sort of every live path.
     */
    default boolean ordered() {
        return true;
    }

    /** Which version a streamed snapshot is of. */
    sealed interface At {
        static At head() {
            return new Latest();
        }

        static At version(long version) {
            return new Version(version);
        }

        static At time(long epochMillis) {
            return new Time(epochMillis);
        }
    }

    record Latest() implements At {
    }

    record Version(long version) implements At {
    }

    /** The latest version committed at or before this time (inCommitTimestamp where present). */
    record Time(long epochMillis) implements At {
    }

    /**
     * A snapshot without its files.
     *
     * @param timestamp the version's time in ms (inCommitTimestamp where present)
     * @param numFiles  the live files
     * @param totalSize their sizes summed (a file without a size counts 0)
     */
    record Head(long version, long timestamp, Protocol protocol, Metadata metadata, long numFiles, long totalSize) {
    }
}
