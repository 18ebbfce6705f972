package io.deltasql.connect.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.ObjectName;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the source's and the sink's per-table metrics share: the table, the MBean name they are registered
 * under (none in unit tests), the action count with its rate, and the errors. The public getters implement
 * the attributes of the same names in each subclass's MXBean interface; they are not final, so that javac gives
 * each public subclass public bridges to them and reflection from other packages still reaches them.
 *
 * <p>The same values also go to the task's plugin metrics (KIP-877) when the worker offers them: group
 * {@code plugins}, tags {@code connector}, {@code task} and {@code table}, so that whatever metrics reporter
 * the worker runs (JMX under {@code kafka.connect:type=plugins,...}, or another) sees them too.
 */
abstract class TableMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableMetrics.class);

    private final String table;
    private final ObjectName name;
    private final ActionRate actions = new ActionRate(Time.SYSTEM);
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError = "";
    private PluginMetrics plugin;
    private final List<MetricName> exported = new ArrayList<>();

    /** {@code type}: the MBean type, e.g. {@code sink-task}; nothing is registered unless {@code register}. */
    TableMetrics(String type, String context, String table, boolean register) {
        this.table = table;
        this.name = register ? MBeans.name(type, context, table) : null;
    }

    /**
     * Registers the bean if it has a name. Called by the subclass at the end of its constructor, not here, so
     * that JMX never sees a bean whose subclass fields are not yet set.
     */
    final void registerIfNamed() {
        if (name != null) {
            MBeans.register(this, name);
        }
    }

    /** Also publishes the metrics to the task's plugin metrics; {@code metrics} null: not offered by the worker. */
    final void export(PluginMetrics metrics) {
        if (metrics == null) {
            return;
        }
        Map<String, Supplier<Number>> values = new LinkedHashMap<>();
        values.put("actions-total", this::actions);
        values.put("actions-rate", this::getActionsPerSecond);
        values.put("errors-total", this::getErrors);
        values.putAll(exportedValues());
        try {
            for (Map.Entry<String, Supplier<Number>> v : values.entrySet()) {
                MetricName n = metrics.metricName(v.getKey(), "deltasql " + v.getKey().replace('-', ' ') + " of the table",
                        new LinkedHashMap<>(Map.of("table", table)));
                Supplier<Number> value = v.getValue();
                metrics.addMetric(n, (Gauge<Number>) (config, now) -> value.get());
                exported.add(n);
            }
            plugin = metrics;
        } catch (RuntimeException e) {
            LOG.warn("table {}: metrics not published to the worker's plugin metrics: {}", table, e.toString());
            unexport(metrics);
        }
    }

    /** The subclass's own values, by metric name (e.g. {@code last-version-read}). */
    abstract Map<String, Supplier<Number>> exportedValues();

    final void countActions(long n) {
        actions.record(n);
    }

    final long actions() {
        return actions.total();
    }

    public void error(Throwable t) {
        errors.incrementAndGet();
        lastError = String.valueOf(t.getMessage());
    }

    public String getTable() {
        return table;
    }

    public double getActionsPerSecond() {
        return actions.perSecond();
    }

    public long getErrors() {
        return errors.get();
    }

    public String getLastError() {
        return lastError;
    }

    private void unexport(PluginMetrics metrics) {
        for (MetricName n : exported) {
            try {
                metrics.removeMetric(n);
            } catch (RuntimeException e) {
                // the worker closed its plugin metrics already (task stopping): nothing left to remove
            }
        }
        exported.clear();
    }

    @Override
    public void close() {
        if (name != null) {
            MBeans.unregister(name);
        }
        if (plugin != null) {
            unexport(plugin);
            plugin = null;
        }
        actions.close();
    }
}
