package io.deltasql.store.validate;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.replay.LiveFileKeys;
import io.deltasql.log.replay.LiveFileSizes;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.read.SnapshotStream;
import io.deltasql.store.read.SqlSnapshot;
import java.util.Collection;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * What the {@link Validator} compares of one side of a table at a version: the version, protocol,
 * metaData, the live files' count and total size, and each live file's size by its fingerprint
 * ({@link LiveFileSizes}: ~16–32 bytes a file, so a million-file table validates in a small heap).
 * The files' names are looked up again only to list the differences ({@link KeyFinder}).
 *
 * @param numFiles  the side's own count (for the store, its {@code count(*)}: a file stored twice shows)
 * @param totalSize its own sum (a file without a size counts 0)
 * @param files     the live files' sizes by fingerprint
 * @param keys      names files by fingerprint, for the report
 */
public record ComparedSnapshot(long version, Protocol protocol, Metadata metadata, long numFiles, long totalSize,
                               LiveFileSizes files, KeyFinder keys) {

    /** Names the live files a report lists: read again (a replay, a query) only when something differs. */
    @FunctionalInterface
    public interface KeyFinder {
        /** The first {@code limit} live files, by {@link LiveFileKeys#text name}, whose fingerprint {@code picked} accepts, each with its fingerprint. */
        TreeMap<String, Long> first(LongPredicate picked, int limit);
    }

    public static ComparedSnapshot of(Snapshot s) {
        return inMemory(s.version(), s.protocol(), s.metadata(), s.files());
    }

    public static ComparedSnapshot of(SqlSnapshot s) {
        return inMemory(s.version(), s.protocol(), s.metadata(), s.files());
    }

    /** The log's side: a {@link LiveFileSizes} replay at {@code version}, and how to name its files. */
    public static ComparedSnapshot ofLog(long version, LiveFileSizes files, KeyFinder keys) {
        return new ComparedSnapshot(version, files.protocol(), files.metadata(), files.count(), files.totalSize(), files, keys);
    }

    /**
     * The store's side at {@code version}, streamed ({@link SnapshotQueries#stream}: path, size and
     * deletion vector per file, no stats or JSON); its files are named by streaming it again.
     */
    public static ComparedSnapshot ofStore(SnapshotQueries queries, RegisteredTable table, long version) {
        LiveFileSizes files = new LiveFileSizes();
        SnapshotStream.Head[] head = new SnapshotStream.Head[1];
        queries.stream(table, SnapshotStream.At.version(version), -1, new SnapshotStream() {
            @Override
            public void head(Head h) {
                head[0] = h;
            }

            @Override
            public void file(String path, long size, String dvId) {
                files.add(path, dvId, size);
            }

            @Override
            public boolean ordered() {
                return false;
            }
        });
        KeyFinder keys = (picked, limit) -> {
            TreeMap<String, Long> out = new TreeMap<>();
            queries.stream(table, SnapshotStream.At.version(version), -1, new SnapshotStream() {
                @Override
                public void head(Head h) {
                    // known
                }

                @Override
                public void file(String path, long size, String dvId) {
                    keep(out, path, dvId, picked, limit);
                }
            });
            return out;
        };
        SnapshotStream.Head h = head[0];
        return new ComparedSnapshot(h.version(), h.protocol(), h.metadata(), h.numFiles(), h.totalSize(), files, keys);
    }

    private static ComparedSnapshot inMemory(long version, Protocol protocol, Metadata metadata, Collection<AddFile> list) {
        LiveFileSizes files = new LiveFileSizes();
        long total = 0;
        for (AddFile f : list) {
            long size = f.size() == null ? 0 : f.size();
            files.add(f.path(), f.dvId(), size);
            total += size;
        }
        KeyFinder keys = (picked, limit) -> {
            TreeMap<String, Long> out = new TreeMap<>();
            list.forEach(f -> keep(out, f.path(), f.dvId(), picked, limit));
            return out;
        };
        return new ComparedSnapshot(version, protocol, metadata, list.size(), total, files, keys);
    }

    /** Adds the file to {@code out} when picked, keeping only the first {@code limit} names. */
    private static void keep(TreeMap<String, Long> out, String path, String dvId, LongPredicate picked, int limit) {
        long fp = LiveFileSizes.fingerprint(path, dvId);
        if (picked.test(fp)) {
            LiveFileKeys.keepFirst(out, LiveFileKeys.text(path, dvId), fp, limit);
        }
    }
}
