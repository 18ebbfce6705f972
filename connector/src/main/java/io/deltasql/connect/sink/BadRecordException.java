package io.deltasql.connect.sink;

import org.apache.kafka.connect.errors.ConnectException;

/** A record that cannot be applied as it is: the task reports it to the dead letter queue, if any, then stops. */
final class BadRecordException extends ConnectException {
    BadRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
