package io.deltasql.log.replay;

/**
 * A map from 64-bit fingerprints to non-negative longs in one primitive array (open addressing,
 * linear probing, deletion by backward shift): 16 bytes a slot, no object per entry, so the live
 * files of a million-file table fit in ~32 MB. A slot's key and value sit side by side
 * ({@code slots[2i]}, {@code slots[2i + 1]}): a lookup in a table far bigger than the CPU's caches
 * costs one cache miss, not one per array. Key 0 is reserved for empty slots
 * ({@link LiveFileSizes#fingerprint} never returns it); a value of -1 means absent.
 */
public final class FingerprintMap {
    /** Receives the entries of {@link #forEach}. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(long fingerprint, long value);
    }

    /** key, value, key, value…; a power of two of slots. */
    private long[] slots;
    private int size;

    public FingerprintMap() {
        slots = new long[2 * 1024];
    }

    public int size() {
        return size;
    }

    /** The value of {@code key}, or -1. */
    public long get(long key) {
        int mask = capacity() - 1;
        for (int i = slot(key, mask); slots[2 * i] != 0; i = (i + 1) & mask) {
            if (slots[2 * i] == key) {
                return slots[2 * i + 1];
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
        int mask = capacity() - 1;
        int i = slot(key, mask);
        for (; slots[2 * i] != 0; i = (i + 1) & mask) {
            if (slots[2 * i] == key) {
                long old = slots[2 * i + 1];
                slots[2 * i + 1] = value;
                return old;
            }
        }
        slots[2 * i] = key;
        slots[2 * i + 1] = value;
        if (++size > capacity() / 4 * 3) {
            grow();
        }
        return -1;
    }

    /** Removes {@code key}; returns its value, or -1 when it was absent. */
    public long remove(long key) {
        int mask = capacity() - 1;
        for (int i = slot(key, mask); slots[2 * i] != 0; i = (i + 1) & mask) {
            if (slots[2 * i] == key) {
                long old = slots[2 * i + 1];
                closeGap(i, mask);
                size--;
                return old;
            }
        }
        return -1;
    }

    public void forEach(EntryConsumer consumer) {
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != 0) {
                consumer.accept(slots[i], slots[i + 1]);
            }
        }
    }

    private int capacity() {
        return slots.length >>> 1;
    }

    /** Empties slot {@code gap}, moving back the entries after it that probed past it (so every lookup still finds them). */
    private void closeGap(int gap, int mask) {
        int j = gap;
        while (true) {
            j = (j + 1) & mask;
            long key = slots[2 * j];
            if (key == 0) {
                slots[2 * gap] = 0;
                return;
            }
            int home = slot(key, mask);
            // the entry at j may move to gap unless its home lies cyclically in (gap, j]
            boolean homeBetween = gap <= j ? gap < home && home <= j : gap < home || home <= j;
            if (!homeBetween) {
                slots[2 * gap] = key;
                slots[2 * gap + 1] = slots[2 * j + 1];
                gap = j;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = capacity() - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                int j = slot(old[i], mask);
                while (slots[2 * j] != 0) {
                    j = (j + 1) & mask;
                }
                slots[2 * j] = old[i];
                slots[2 * j + 1] = old[i + 1];
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
