package io.deltasql.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap over a measured section: the JVM's own per-pool peaks (reset after a GC at the start;
 * their sum is an upper bound, since pools peak at different moments) and the highest total heap
 * use seen by a sampler thread every few milliseconds.
 */
final class HeapWatch implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long maxSampled;

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
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
