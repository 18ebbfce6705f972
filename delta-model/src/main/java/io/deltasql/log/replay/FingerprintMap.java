package io.deltasql.log.replay;

/**
 * A map from 64-bit fingerprints to non-negative longs in two primitive arrays (open addressing,
 * linear probing, deletion by backward shift): 16 bytes a slot, no object per entry, so the live
 * files of a million-file table fit in ~32 MB. Key 0 is reserved for empty slots
 * ({@link LiveFileSizes#fingerprint} never returns it); a value of -1 means absent.
 */
public final class FingerprintMap {
    /** Receives the entries of {@link #forEach}. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(long fingerprint, long value);
    }

    private long[] keys;
    private long[] values;
    private int size;

    public FingerprintMap() {
        keys = new long[1024];
        values = new long[1024];
    }

    public int size() {
        return size;
    }

    /** The value of {@code key}, or -1. */
    public long get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return -1;
    }

    public boolean contains(long key) {
        return get(key) >= 0;
    }

    /** Sets {@code key} to {@code value} (≥ 0); returns the previous value, or -1. */
    public long put(long key, long value) {
        if (key == 0 || value < 0) {
            throw new IllegalArgumentException("key 0 and negative values are reserved");
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                long old = values[i];
                values[i] = value;
                return old;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size > keys.length / 4 * 3) {
            grow();
        }
        return -1;
    }

    /** Removes {@code key}; returns its value, or -1 when it was absent. */
    public long remove(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                long old = values[i];
                closeGap(i, mask);
                size--;
                return old;
            }
        }
        return -1;
    }

    public void forEach(EntryConsumer consumer) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                consumer.accept(keys[i], values[i]);
            }
        }
    }

    /** Empties slot {@code gap}, moving back the entries after it that probed past it (so every lookup still finds them). */
    private void closeGap(int gap, int mask) {
        int j = gap;
        while (true) {
            j = (j + 1) & mask;
            if (keys[j] == 0) {
                keys[gap] = 0;
                return;
            }
            int home = slot(keys[j], mask);
            // the entry at j may move to gap unless its home lies cyclically in (gap, j]
            boolean homeBetween = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!homeBetween) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int j = slot(oldKeys[i], mask);
                while (keys[j] != 0) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
