package io.deltasql.store;

/**
 * A store opened read-only holds dl_* tables of an older schema than this code's: the message names
 * the command that upgrades them. Read commands never migrate (issue #18).
 */
public class SchemaOutdatedException extends StoreException {
    public SchemaOutdatedException(String message) {
        super(message);
    }
}
