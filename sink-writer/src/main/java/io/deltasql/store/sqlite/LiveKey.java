package io.deltasql.store.sqlite;

/**
 * The SQLite store's compact key of a logical file ({@code dl_add_files.live_key}, schema V2): a
 * 64-bit hash of the file's canonical path and deletion-vector id, so the live-file index holds
 * {@code (table_id, live_key)} (since V3 {@code (table_no, live_key)}) instead of the whole path (a path is ~100 bytes, the key 8: the index
 * of a million live files then fits SQLite's page cache, and each add or remove touches a smaller
 * B-tree). Two files may share a key: every probe also compares the path and dv_id themselves, so a
 * collision costs a row read, never a wrong end.
 *
 * <p>Stored on disk, so it must never change: FNV-1a 64 over UTF-16 code units, finished with
 * MurmurHash3's fmix64; the top 20 bits from the directory of {@code canonicalPath} (the units before
 * its last {@code /}), the low 44 from {@code canonicalPath}, a 0 unit, then {@code dvId}.
 */
public final class LiveKey {
    /** Bits of the key that hash the file's directory. */
    static final int DIRECTORY_BITS = 20;

    private LiveKey() {
    }

    public static long of(String canonicalPath, String dvId) {
        return ofFileKey(canonicalPath + '\0' + (dvId == null ? "" : dvId));
    }

    /**
     * The key of {@code ActionColumns.fileKey(canonicalPath, dvId)} ({@code path NUL dv_id}): the top
     * {@value #DIRECTORY_BITS} bits hash the path's directory (up to its last {@code /}), the rest the
     * whole key. Files of one directory (a partition) then sit together in the index, as they did
     * under V1's path index: an import's adds and removes go mostly to recent partitions, so they touch
     * few index pages, where a hash of the whole key would spread them over all of them.
     */
    public static long ofFileKey(String fileKey) {
        int nul = fileKey.indexOf('\0');
        int slash = fileKey.lastIndexOf('/', nul < 0 ? fileKey.length() : nul);
        long dir = 0xcbf29ce484222325L;
        long all = 0xcbf29ce484222325L;
        for (int i = 0; i < fileKey.length(); i++) {
            char c = fileKey.charAt(i);
            if (i < slash) {
                dir = (dir ^ c) * 0x100000001b3L;
            }
            all = (all ^ c) * 0x100000001b3L;
        }
        return (mix(dir) >>> (64 - DIRECTORY_BITS)) << (64 - DIRECTORY_BITS) | mix(all) >>> DIRECTORY_BITS;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
