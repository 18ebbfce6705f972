package io.deltasql.store;

/**
 * The connection to PostgreSQL is gone or cannot be made right now (refused, reset, terminated by an
 * administrator, server shutting down or starting up): nothing of an uncommitted version was kept,
 * and the same work may succeed on a new connection. A driver that can wait (the Kafka sink) retries;
 * the CLI reports it like any other {@link StoreException}.
 */
public class StoreConnectionException extends StoreException {
    public StoreConnectionException(String message) {
        super(message);
    }

    public StoreConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
