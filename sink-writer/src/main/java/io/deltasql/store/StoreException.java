package io.deltasql.store;

/**
 * A database-side problem with a one-line message a user can act on (which host and port, which
 * table, what to check). Never contains a password.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
