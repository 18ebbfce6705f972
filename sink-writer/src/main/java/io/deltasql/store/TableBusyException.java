package io.deltasql.store;

/** Another writer holds the table. */
public class TableBusyException extends StoreException {
    public TableBusyException(String message) {
        super(message);
    }
}
