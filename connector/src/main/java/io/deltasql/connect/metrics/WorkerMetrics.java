package io.deltasql.connect.metrics;

import java.util.function.Supplier;
import org.apache.kafka.common.metrics.PluginMetrics;

/** Access to the worker's plugin metrics (KIP-877), which only Kafka 4.1+ workers offer. */
public final class WorkerMetrics {
    private WorkerMetrics() {
    }

    /** {@code context.pluginMetrics()}, or null on a worker before Kafka 4.1 or with a context that has none. */
    public static PluginMetrics of(Supplier<PluginMetrics> pluginMetrics) {
        try {
            return pluginMetrics.get();
        } catch (LinkageError | UnsupportedOperationException olderWorker) {
            return null;
        }
    }
}
