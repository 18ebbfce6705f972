package io.deltasql.store.schema;

import io.deltasql.store.StoreException;

/**
 * The target schema cannot take deltasql's tables as it is (a {@code dl_*} name deltasql did not
 * create, or the user may not create them): found before anything is written, so nothing was.
 */
public class SchemaConflictException extends StoreException {
    public SchemaConflictException(String message) {
        super(message);
    }
}
