package io.deltasql.reader.engine;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batches Kernel got from reading a version's checkpoint, kept so the next load of the same
 * version reads them from memory instead of the store: an application re-opening the latest snapshot
 * (each query of an engine does) pays the SQL, the decoding and the batch building once per version,
 * and a load of a newer version replays only the commits since a kept one ({@link #newestAtOrBefore}).
 * A version's live files never change once committed, so an entry is keyed by the version and its
 * commit time (a table re-imported under the same name gets new times), and by the read schema.
 * Bounded: at most {@code budgetBytes} (estimated) over all entries, the least recently used
 * dropped first; a read bigger than the budget is not kept at all, so a huge table still streams
 * in flat memory. Batches are shared: Kernel does not change a batch it reads.
 */
public final class CheckpointCache {
    /** The default budget: an eighth of the heap, at most 256 MiB. */
    public static long defaultBudget() {
        return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    }

    record Key(long version, long timestampMs, StructType readSchema) {
    }

    private record Entry(List<ColumnarBatch> batches, long bytes) {
    }

    private final long budgetBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public CheckpointCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    long budgetBytes() {
        return budgetBytes;
    }

    /** A version whose checkpoint some read has kept, and its commit time. */
    public record Kept(long version, long timestampMs) {
    }

    /**
     * The newest version at or before {@code version} of which a read of the live files is kept, if
     * any (a load alone keeps only its read of protocol and metaData, not worth replaying commits on).
     */
    public synchronized Optional<Kept> newestAtOrBefore(long version) {
        Kept newest = null;
        for (Key k : entries.keySet()) {
            if (k.version() <= version && k.readSchema().indexOf("add") >= 0 && (newest == null || k.version() > newest.version())) {
                newest = new Kept(k.version(), k.timestampMs());
            }
        }
        return Optional.ofNullable(newest);
    }

    synchronized List<ColumnarBatch> get(Key key) {
        Entry e = entries.get(key);
        return e == null ? null : e.batches();
    }

    synchronized void put(Key key, List<ColumnarBatch> batches, long size) {
        if (size > budgetBytes) {
            return;
        }
        Entry old = entries.put(key, new Entry(List.copyOf(batches), size));
        bytes += size - (old == null ? 0 : old.bytes());
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > budgetBytes && eldest.hasNext()) {
            Map.Entry<Key, Entry> e = eldest.next();
            if (e.getKey().equals(key)) {
                continue;
            }
            bytes -= e.getValue().bytes();
            eldest.remove();
        }
    }

    /** Drops every entry (the next load of each version reads the store again). */
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /** The estimated bytes held. */
    public synchronized long bytes() {
        return bytes;
    }
}
