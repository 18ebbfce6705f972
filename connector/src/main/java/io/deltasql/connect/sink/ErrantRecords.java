package io.deltasql.connect.sink;

import io.deltasql.connect.record.VersionRecord;
import io.deltasql.connect.record.VersionRecordCodec;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the sink cannot use: decodes each record, and sends the ones it cannot apply to Connect's
 * dead letter queue (or error log) when the connector has one. {@code errors.tolerance=all} lets a
 * record that is not a deltasql record be skipped; nothing else is ever skipped.
 */
final class ErrantRecords {
    private static final Logger LOG = LoggerFactory.getLogger(ErrantRecords.class);

    private final SinkTaskContext context;
    private final boolean tolerateAll;

    ErrantRecords(SinkTaskContext context, boolean tolerateAll) {
        this.context = context;
        this.tolerateAll = tolerateAll;
    }

    /** The record as a deltasql record, or null when it is not one and errors.tolerance=all lets it be skipped. */
    VersionRecord decode(SinkRecord record, TopicPartition tp) {
        try {
            return VersionRecordCodec.decode(record.value());
        } catch (DataException e) {
            boolean reported = report(record, e);
            if (tolerateAll) {
                // It carries no (table, version, index) to trust. Were it an action, its version now lacks
                // one and the sink stops when that version ends (TableApplier): nothing is half-applied.
                LOG.warn("{} offset {}: {}; skipped (errors.tolerance=all){}", tp, record.kafkaOffset(), e.getMessage(),
                        reported ? ", reported to the dead letter queue" : "");
                return null;
            }
            throw new ConnectException(tp + " offset " + record.kafkaOffset() + ": " + e.getMessage()
                    + "; the sink stops rather than apply a version with an action missing (errors.tolerance=all "
                    + "skips records that are not deltasql records)", e);
        }
    }

    /**
     * Sends the record to the dead letter queue (or the error log) when the connector has one, and
     * waits until it is there, so that it is not lost if the task stops next. Returns whether it was sent.
     */
    boolean report(SinkRecord record, Throwable error) {
        ErrantRecordReporter reporter = context.errantRecordReporter();
        if (reporter == null) {
            return false;
        }
        try {
            reporter.report(record, error).get(30, TimeUnit.SECONDS);
            return true;
        } catch (ConnectException toleranceExceeded) {
            return true; // errors.tolerance=none: Connect reported it, then says the task must stop (it will)
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{} offset {}: reporting the record to the dead letter queue failed: {}", record.topic(),
                    record.kafkaOffset(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
