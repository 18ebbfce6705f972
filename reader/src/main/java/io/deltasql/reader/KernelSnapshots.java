package io.deltasql.reader;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Kernel's snapshots of the last few versions a table loaded, each with the engine that serves its
 * log: a load of the same version again (an engine re-opening the latest snapshot for each query)
 * reuses it instead of having Kernel list the log and decode protocol and metaData once more. A
 * committed version never changes, so a snapshot is keyed by the version and its commit time (a
 * table imported again under the same name gets new times). Its scans still replay the live files
 * (from {@link io.deltasql.reader.engine.CheckpointCache} when kept there, else from the store).
 */
final class KernelSnapshots {
    /** How many versions are kept: the head and the few an engine may be reading beside it. */
    static final int KEPT = 4;

    /** A Kernel snapshot and the engine it must be used with. */
    record Loaded(Snapshot snapshot, Engine engine) {
    }

    private record Key(long version, long timestampMs) {
    }

    private final LinkedHashMap<Key, Loaded> loaded;

    KernelSnapshots(int kept) {
        this.loaded = new LinkedHashMap<>(kept * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Loaded> eldest) {
                return size() > kept;
            }
        };
    }

    /**
     * The snapshot of {@code version} committed at {@code timestampMs}: kept, or made by {@code load}
     * and kept. Kernel builds it outside the lock, so threads loading other versions do not wait for
     * it; two threads loading the same new version at once both build it, and the first one kept wins.
     */
    Loaded get(long version, long timestampMs, Supplier<Loaded> load) {
        Key key = new Key(version, timestampMs);
        synchronized (this) {
            Loaded kept = loaded.get(key);
            if (kept != null) {
                return kept;
            }
        }
        Loaded made = load.get();
        synchronized (this) {
            Loaded first = loaded.putIfAbsent(key, made);
            return first != null ? first : made;
        }
    }

    synchronized void clear() {
        loaded.clear();
    }
}
