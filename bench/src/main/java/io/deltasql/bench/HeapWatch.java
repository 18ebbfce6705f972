package io.deltasql.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap over a measured section, three ways: the JVM's per-pool peaks (reset after a GC at the
 * start; their sum is an upper bound, since pools peak at different moments), the highest total heap
 * use seen by a sampler thread every few milliseconds (includes garbage the collector has not yet
 * needed to reclaim: G1 lets the heap fill towards -Xmx), and the highest heap use right after a
 * garbage collection (from GC notifications): the memory the streaming really holds on to.
 */
final class HeapWatch implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private final java.util.List<Runnable> unsubscribe = new java.util.ArrayList<>();
    private volatile boolean running = true;
    private volatile long maxSampled;
    private volatile long maxAfterGc;
    private volatile int collections;

    HeapWatch() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
        maxSampled = MEMORY.getHeapMemoryUsage().getUsed();
        sampler = new Thread(() -> {
            while (running) {
                maxSampled = Math.max(maxSampled, MEMORY.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter emitter) {
                javax.management.NotificationListener listener = (n, handback) -> onGc(n);
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
    }

    private void onGc(javax.management.Notification n) {
        if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                (javax.management.openmbean.CompositeData) n.getUserData());
        long after = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                java.lang.management.MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(p.getName());
                if (u != null) {
                    after += u.getUsed();
                }
            }
        }
        maxAfterGc = Math.max(maxAfterGc, after);
        collections++;
    }

    /** The highest heap use right after a collection during the section (0 if none ran). */
    long maxAfterGcBytes() {
        return maxAfterGc;
    }

    int collections() {
        return collections;
    }

    /** The highest heap use the sampler saw. */
    long maxSampledBytes() {
        return maxSampled;
    }

    /** Sum of the heap pools' peak use since the start. */
    static long poolPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Heap in use after a full GC: what the measured code still retains. */
    static long retainedBytes() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unsubscribe.forEach(Runnable::run);
    }
}
