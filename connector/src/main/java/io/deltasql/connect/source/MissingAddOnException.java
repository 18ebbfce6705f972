package io.deltasql.connect.source;

import org.apache.kafka.connect.errors.ConnectException;

/** A table on a storage whose driver is an add-on this plugin directory lacks (see {@link StorageAddOns}): not retried. */
final class MissingAddOnException extends ConnectException {
    MissingAddOnException(String message) {
        super(message);
    }
}
