package io.deltasql.connect.source;

import org.apache.kafka.connect.errors.ConnectException;

/** An action whose record the producer or the topic would refuse (see {@link RecordSizeLimit}): the task stops. */
final class ActionTooLargeException extends ConnectException {
    ActionTooLargeException(String message) {
        super(message);
    }
}
