package io.deltasql.reader;

import io.deltasql.log.DeltaLogException;

/**
 * A table's data cannot be read: a data file missing from storage, or Delta Kernel refusing the
 * table. One line for the user; a source problem (like any {@link DeltaLogException}), not a store one.
 */
public final class ReadException extends DeltaLogException {
    public ReadException(String message, Throwable cause) {
        super(Kind.IO, message, null, null, null, cause);
    }

    public ReadException(Kind kind, String message, Throwable cause) {
        super(kind, message, null, null, null, cause);
    }
}
