package io.deltasql.log.replay;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.RemoveFile;

/**
 * The live files of a replay as a 64-bit {@link #fingerprint} of each file's {@link FileKey} with
 * its size, plus the latest protocol and metaData: what a validation compares, in ~16–32 bytes a
 * file (a {@link ReplayState} keeps every add: a million-file table does not fit in 256 MB that
 * way). The add/remove rule is {@link ReplayState}'s, on the same canonical keys. Two distinct
 * files sharing a fingerprint (about 3 in 10^8 for a million files) would count as one: the file
 * counts then differ, and a validation fails rather than passes.
 */
public final class LiveFileSizes extends FileReplaySink {
    private final FingerprintMap files = new FingerprintMap();
    private long totalSize;

    /** The fingerprint of the logical file {@code path} (canonicalised as {@link FileKey#of}) with deletion vector {@code dvId} (null or "" for none); never 0. */
    public static long fingerprint(String path, String dvId) {
        long h = fnv(0xcbf29ce484222325L, FileKey.canonical(path));
        h = (h ^ 0xffff) * 0x100000001b3L; // a separator no char of a path is
        h = fnv(h, dvId == null ? "" : dvId);
        // murmur3's finaliser: every input bit reaches every output bit
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    @Override
    protected void added(AddFile add) {
        add(add.path(), add.dvId(), add.size() == null ? 0 : add.size());
    }

    @Override
    protected void removed(RemoveFile remove) {
        remove(remove.path(), remove.dvId());
    }

    /** Makes the file live with {@code size} (a file already live takes the new size). */
    public void add(String path, String dvId, long size) {
        long old = files.put(fingerprint(path, dvId), size);
        totalSize += size - Math.max(old, 0);
    }

    public void remove(String path, String dvId) {
        totalSize -= Math.max(files.remove(fingerprint(path, dvId)), 0);
    }

    /** The live file's size by its fingerprint, or -1 when it is not live. */
    public long sizeOf(long fingerprint) {
        return files.get(fingerprint);
    }

    public int count() {
        return files.size();
    }

    /** The live files' sizes summed (a file without a size counts 0). */
    public long totalSize() {
        return totalSize;
    }

    /** Every live file's fingerprint and size, in no order. */
    public void forEach(FingerprintMap.EntryConsumer consumer) {
        files.forEach(consumer);
    }
}
