package io.deltasql.connect.sink;

import io.deltasql.connect.Versions;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Thin task: hands the records to its {@link SinkPartitions} (one {@link TableApplier} per table) and
 * lets Kafka commit only offsets that PostgreSQL holds.
 */
public class DeltaSqlSinkTask extends SinkTask {
    private final Time time;
    private SinkPartitions partitions;

    public DeltaSqlSinkTask() {
        this(Time.SYSTEM);
    }

    /** With the clock the retry timeout is measured on (a test's). */
    DeltaSqlSinkTask(Time time) {
        this.time = time;
    }

    @Override
    public String version() {
        return Versions.plugin();
    }

    @Override
    public void start(Map<String, String> props) {
        DeltaSinkConfig config = new DeltaSinkConfig(props);
        // Connects to PostgreSQL and migrates the dl_* schema (a server that is down is retried at the first record).
        partitions = new SinkPartitions(config, StoreTableWriters.connect(config), context, props, time);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        partitions.put(records);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return partitions.committable(currentOffsets);
    }

    @Override
    public void close(Collection<TopicPartition> topicPartitions) {
        partitions.close(topicPartitions);
    }

    @Override
    public void stop() {
        if (partitions != null) {
            partitions.close();
        }
    }
}
