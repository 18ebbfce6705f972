package io.deltasql.connect.metrics;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.utils.Time;

/**
 * Actions counted for one table: their total and their rate per second, with Kafka's own {@link Rate}
 * over two sample windows of ten seconds. Its own {@link Metrics} registry (no reporter): the values are
 * read by the table's MXBean and by the task's plugin metrics ({@link PluginExport}). Thread-safe.
 */
final class ActionRate implements AutoCloseable {
    private final Metrics metrics;
    private final Sensor sensor;
    private final MetricName rate;
    private final MetricName total;

    ActionRate(Time time) {
        metrics = new Metrics(new MetricConfig().samples(2).timeWindow(10, TimeUnit.SECONDS), java.util.List.of(), time);
        sensor = metrics.sensor("actions");
        rate = metrics.metricName("actions-rate", "table", "actions per second", Map.of());
        total = metrics.metricName("actions-total", "table", "actions in all", Map.of());
        sensor.add(rate, new Rate(TimeUnit.SECONDS));
        sensor.add(total, new CumulativeSum());
    }

    void record(long n) {
        sensor.record(n);
    }

    double perSecond() {
        return (Double) metrics.metric(rate).metricValue();
    }

    long total() {
        return ((Double) metrics.metric(total).metricValue()).longValue();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
