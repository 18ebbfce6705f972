package io.deltasql.log.replay;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.RemoveFile;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * The keys, as the log writes them, of the live files whose {@link LiveFileSizes#fingerprint} a
 * predicate picks: a second replay that names the files a {@link LiveFileSizes} comparison found
 * different. It holds at most {@link #COLLECTED} files, so naming the first few of a million
 * differences stays small (the counts come from the fingerprints, complete).
 */
public final class LiveFileKeys extends FileReplaySink {
    /** How many picked files a replay remembers at most. */
    public static final int COLLECTED = 10_000;

    private final LongPredicate picked;
    private final Map<Long, String> keys = new HashMap<>();

    public LiveFileKeys(LongPredicate picked) {
        this.picked = picked;
    }

    /** How a file is named in a validation report: its path, and its deletion vector's id when it has one. */
    public static String text(String path, String dvId) {
        return dvId == null || dvId.isEmpty() ? path : path + " [dv " + dvId + "]";
    }

    @Override
    protected void added(AddFile add) {
        long fp = LiveFileSizes.fingerprint(add.path(), add.dvId());
        if (picked.test(fp) && (keys.size() < COLLECTED || keys.containsKey(fp))) {
            keys.put(fp, text(add.path(), add.dvId()));
        }
    }

    @Override
    protected void removed(RemoveFile remove) {
        keys.remove(LiveFileSizes.fingerprint(remove.path(), remove.dvId()));
    }

    /** The first {@code limit} picked live files by key, each with its fingerprint. */
    public TreeMap<String, Long> first(int limit) {
        TreeMap<String, Long> out = new TreeMap<>();
        keys.forEach((fp, key) -> keepFirst(out, key, fp, limit));
        return out;
    }

    /** Adds {@code key} to {@code first}, then drops the last key while there are more than {@code limit}: the first few of many, in little memory. */
    public static void keepFirst(TreeMap<String, Long> first, String key, long fingerprint, int limit) {
        first.put(key, fingerprint);
        if (first.size() > limit) {
            first.pollLastEntry();
        }
    }
}
