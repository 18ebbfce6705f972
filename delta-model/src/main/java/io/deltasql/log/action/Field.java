package io.deltasql.log.action;

import java.util.Objects;
import java.util.function.Function;

/**
 * One field of an action (or of a struct inside one), Delta Kernel's {@code StructField} for this
 * model: the protocol's name (the JSON key and the checkpoint column), the value's type, whether
 * the protocol requires it, and how to read it from the typed record.
 *
 * @param <T>      the record holding the field
 * @param name     the protocol's name: key in a log line's JSON object and column of a checkpoint's struct
 * @param type     the value's type; {@link FieldType#STRUCT} fields have a {@link #struct()}
 * @param nullable false for the fields an action cannot be read without (a file's {@code path}, …)
 * @param accessor the field's value in a record ({@code null} when absent); see {@link #get}
 * @param struct   the nested struct's table for a {@link FieldType#STRUCT} field, else null
 */
public record Field<T>(String name, FieldType type, boolean nullable, Function<T, ?> accessor, FieldTable<?> struct) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accessor, "accessor");
        if ((type == FieldType.STRUCT) != (struct != null)) {
            throw new IllegalArgumentException(name + ": a STRUCT field, and only one, has a struct table");
        }
    }

    /** The field's value in {@code record}, of the Java type {@link #type()} names; null when absent. */
    public Object get(T record) {
        return accessor.apply(record);
    }

    @Override
    public String toString() {
        return name + " " + type + (nullable ? "" : " NOT NULL");
    }
}
