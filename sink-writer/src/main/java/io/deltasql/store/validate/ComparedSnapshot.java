package io.deltasql.store.validate;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.replay.ReplayState;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.store.read.SnapshotStream;
import io.deltasql.store.read.SqlSnapshot;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the {@link Validator} compares of one side of a table at a version: the version, protocol,
 * metaData, the live files' count and total size, and each live file's size by its (path, dv id)
 * key. No stats, partition values or tombstones: a validation of a big table holds two maps of
 * keys, not two snapshots.
 *
 * @param numFiles  the side's own count (for the store, its {@code count(*)}: a file stored twice shows)
 * @param totalSize its own sum (a file without a size counts 0)
 * @param sizes     size per {@link #key key}; a file without a size has 0, as the store's stream reads it
 */
public record ComparedSnapshot(long version, Protocol protocol, Metadata metadata, long numFiles, long totalSize,
                               Map<String, Long> sizes) {

    /** The key a file is compared and listed by: its path, and its deletion vector's id when it has one. */
    public static String key(String path, String dvId) {
        return dvId == null || dvId.isEmpty() ? path : path + " [dv " + dvId + "]";
    }

    public static ComparedSnapshot of(Snapshot s) {
        return of(s.version(), s.protocol(), s.metadata(), s.files());
    }

    public static ComparedSnapshot of(SqlSnapshot s) {
        return of(s.version(), s.protocol(), s.metadata(), s.files());
    }

    /** The log's side from a replay state at {@code version} (any detail: only paths, sizes and DVs are read). */
    public static ComparedSnapshot of(long version, ReplayState state) {
        return of(version, state.protocol(), state.metadata(), state.liveFiles().values());
    }

    private static ComparedSnapshot of(long version, Protocol protocol, Metadata metadata, Collection<AddFile> files) {
        Map<String, Long> sizes = new HashMap<>(files.size() * 4 / 3 + 1);
        long total = 0;
        for (AddFile f : files) {
            long size = f.size() == null ? 0 : f.size();
            sizes.put(key(f.path(), f.dvId()), size);
            total += size;
        }
        return new ComparedSnapshot(version, protocol, metadata, files.size(), total, sizes);
    }

    /** Collects the store's side from a streamed snapshot ({@code SnapshotQueries.stream}): no file list is held. */
    public static final class Collector implements SnapshotStream {
        private SnapshotStream.Head head;
        private final Map<String, Long> sizes = new HashMap<>();

        @Override
        public void head(Head h) {
            this.head = h;
        }

        @Override
        public void file(String path, long size, String dvId) {
            sizes.put(key(path, dvId), size);
        }

        /** @throws IllegalStateException when no head was streamed */
        public ComparedSnapshot result() {
            if (head == null) {
                throw new IllegalStateException("the snapshot stream ended without its head");
            }
            return new ComparedSnapshot(head.version(), head.protocol(), head.metadata(), head.numFiles(),
                    head.totalSize(), sizes);
        }
    }
}
