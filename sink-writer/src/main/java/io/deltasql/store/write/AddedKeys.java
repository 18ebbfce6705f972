package io.deltasql.store.write;

import java.util.ArrayList;
import java.util.List;

/**
 * Which logical files this writer may have added, when it has seen the table's whole live state: a
 * file key it never added cannot have a live row in the database, so its end needs no probe. Most
 * adds of a real log are new files, so this spares the interval-end statement most of its keys.
 *
 * <p>Known from the start of an empty table or from a checkpoint (which ends everything live before
 * it); unknown after opening a table that already holds versions. A Bloom filter (10 bits and 7
 * hashes per key, ~1 % false positives, which only cost a probe), grown by adding filters of twice
 * the capacity, so memory follows the table (~2.5 MB per million keys). Keys of rolled-back versions
 * stay in it: again only a probe more.
 */
public final class AddedKeys {
    private static final int HASHES = 7;
    private static final int BITS_PER_KEY = 10;
    private static final int FIRST_CAPACITY = 1 << 16;

    private final List<long[]> filters = new ArrayList<>();
    private final List<Integer> capacities = new ArrayList<>();
    private int inLast;
    private boolean known;

    /** From now on every added key is recorded here and nothing else is live (an empty table, a checkpoint begins). */
    public void startKnown() {
        filters.clear();
        capacities.clear();
        inLast = 0;
        known = true;
        grow(FIRST_CAPACITY);
    }

    /** Nothing is known any more (a rollback): every key may be live. */
    public void forget() {
        filters.clear();
        capacities.clear();
        inLast = 0;
        known = false;
    }

    /** Whether {@link #mayBeLive} can be trusted. */
    public boolean known() {
        return known;
    }

    public void added(String key) {
        if (!known) {
            return;
        }
        int capacity = capacities.get(capacities.size() - 1);
        if (inLast >= capacity) {
            grow(capacity * 2);
        }
        long[] bits = filters.get(filters.size() - 1);
        long h = hash(key);
        for (int i = 0; i < HASHES; i++) {
            int bit = index(h, i, bits.length * 64L);
            bits[bit >>> 6] |= 1L << bit;
        }
        inLast++;
    }

    /** False only when the key was surely never added (while known): no live row of it can exist. */
    public boolean mayBeLive(String key) {
        if (!known) {
            return true;
        }
        long h = hash(key);
        for (long[] bits : filters) {
            boolean all = true;
            for (int i = 0; i < HASHES && all; i++) {
                int bit = index(h, i, bits.length * 64L);
                all = (bits[bit >>> 6] & (1L << bit)) != 0;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private void grow(int capacity) {
        filters.add(new long[(int) ((long) capacity * BITS_PER_KEY / 64 + 1)]);
        capacities.add(capacity);
        inLast = 0;
    }

    /** Double hashing over a 64-bit FNV-1a of the key's chars (no byte copy per key: adds are the hot path), finished with a mixer. */
    private static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    private static int index(long h, int i, long bitCount) {
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        return (int) Math.floorMod(h1 + (long) i * h2, bitCount);
    }
}
