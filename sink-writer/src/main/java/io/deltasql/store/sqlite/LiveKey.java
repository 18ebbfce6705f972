package io.deltasql.store.sqlite;

/**
 * The SQLite store's compact key of a logical file ({@code dl_add_files.live_key}, schema V2): a
 * 64-bit hash of the file's canonical path and deletion-vector id, so the live-file index holds
 * {@code (table_id, live_key)} instead of the whole path (a path is ~100 bytes, the key 8: the index
 * of a million live files then fits SQLite's page cache, and each add or remove touches a smaller
 * B-tree). Two files may share a key: every probe also compares the path and dv_id themselves, so a
 * collision costs a row read, never a wrong end.
 *
 * <p>Stored on disk, so it must never change: FNV-1a 64 over the UTF-16 code units of
 * {@code canonicalPath}, a 0 unit, then those of {@code dvId}, finished with MurmurHash3's fmix64.
 */
public final class LiveKey {
    private LiveKey() {
    }

    public static long of(String canonicalPath, String dvId) {
        return ofFileKey(canonicalPath + '\0' + (dvId == null ? "" : dvId));
    }

    /** The key of {@code ActionColumns.fileKey(canonicalPath, dvId)} ({@code path NUL dv_id}): the same units hashed. */
    public static long ofFileKey(String fileKey) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < fileKey.length(); i++) {
            h = (h ^ fileKey.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
