package io.deltasql.log.action;

import java.util.Locale;

/**
 * The type of an action field's value, as the model holds it: what a JSON value, a checkpoint
 * column or a SQL column must be to fill the field. A value of another type is never coerced; it
 * stays in the action's {@code extra}.
 */
public enum FieldType {
    /** {@code String}; JSON string, Parquet BINARY. */
    STRING,
    /** {@code Long}; JSON integer, Parquet INT64 (or INT32). */
    LONG,
    /** {@code Long} epoch milliseconds; in a checkpoint also an INT96 or annotated INT64 timestamp (old writers). */
    EPOCH_MILLIS,
    /** {@code Integer}; JSON integer in int range, Parquet INT32 (or INT64 in range). */
    INT,
    /** {@code Boolean}. */
    BOOLEAN,
    /** {@code Map<String, String>} (values may be null); JSON object of strings, Parquet MAP. */
    STRING_MAP,
    /** {@code List<String>}; JSON array of strings, Parquet LIST. */
    STRING_LIST,
    /** A nested struct with its own {@link FieldTable} ({@link Field#struct()}); JSON object, Parquet group. */
    STRUCT;

    /** For messages: {@code string}, {@code string map}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
