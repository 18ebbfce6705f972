package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields of one action type (or of a struct inside an action), written out once: Delta Kernel's
 * {@code StructType} for this model. Every representation of an action is driven by its table: the
 * JSON codec ({@link ActionCodec}), the checkpoint reader's row decoder and the synthetic checkpoint
 * writer; a store can map rows with it (each field's name, type, nullability and accessor, plus
 * {@link #create} to build the record back).
 *
 * <p>Each action record declares its table as {@code FIELDS} ({@link AddFile#FIELDS}, …;
 * {@link #of(ActionType)} finds it by type). The order of {@link #fields()} is the order a log line
 * writes them; a record's {@code extra} is not a field (it holds what no field took).
 *
 * @param <T> the record type
 */
public final class FieldTable<T> {

    /** Makes the record from its fields' values. */
    @FunctionalInterface
    public interface Constructor<T> {
        T create(Values values);
    }

    /** The values of one record being built, by field index (as in {@link #fields()}), and its extra. */
    public static final class Values {
        private final Object[] values;
        private final ObjectNode extra;

        Values(Object[] values, ObjectNode extra) {
            this.values = values;
            this.extra = extra;
        }

        /** The value of field {@code i}, of the Java type its {@link FieldType} names; null when absent. */
        @SuppressWarnings("unchecked")
        public <X> X get(int i) {
            return (X) values[i];
        }

        public ObjectNode extra() {
            return extra;
        }
    }

    private final String name;
    private final Class<T> recordType;
    private final List<Field<T>> fields;
    private final Map<String, Integer> index;
    private final Function<T, ObjectNode> extra;
    private final Constructor<T> constructor;

    private FieldTable(String name, Class<T> recordType, List<Field<T>> fields, Function<T, ObjectNode> extra,
                       Constructor<T> constructor) {
        this.name = name;
        this.recordType = recordType;
        this.fields = List.copyOf(fields);
        this.extra = extra;
        this.constructor = constructor;
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            if (byName.put(this.fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException(name + ": field " + this.fields.get(i).name() + " twice");
            }
        }
        this.index = Map.copyOf(byName);
    }

    /** The table of an action type; null for {@link ActionType#UNKNOWN} (kept whole, it has no fields). */
    public static FieldTable<? extends Action> of(ActionType type) {
        return switch (type) {
            case ADD -> AddFile.FIELDS;
            case REMOVE -> RemoveFile.FIELDS;
            case METADATA -> Metadata.FIELDS;
            case PROTOCOL -> Protocol.FIELDS;
            case TXN -> Txn.FIELDS;
            case COMMIT_INFO -> CommitInfo.FIELDS;
            case CDC -> Cdc.FIELDS;
            case DOMAIN_METADATA -> DomainMetadata.FIELDS;
            case CHECKPOINT_METADATA -> CheckpointMetadata.FIELDS;
            case SIDECAR -> Sidecar.FIELDS;
            case UNKNOWN -> null;
        };
    }

    /** The protocol's name of this struct: an action's key ({@code add}, {@code metaData}, …) or a field's name. */
    public String name() {
        return name;
    }

    public Class<T> recordType() {
        return recordType;
    }

    /** The fields in log-line order. */
    public List<Field<T>> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field<T> field(int i) {
        return fields.get(i);
    }

    /** The index of the field named {@code name} in {@link #fields()}, or -1 (a field this table does not know). */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /**
     * True when the record keeps fields it does not know in its own {@code extra} (every action, a
     * deletion vector). False for a struct that is typed only whole ({@code metaData.format}): one
     * unknown or mistyped field inside it, and the whole struct stays in the parent's extra.
     */
    public boolean hasExtra() {
        return extra != null;
    }

    /** The record's extra (what no field took); null when none or when the table has no extra. */
    public ObjectNode extraOf(T record) {
        return extra == null ? null : extra.apply(record);
    }

    /** {@code record} as this table's record type (for callers holding an {@code Action}). */
    public T cast(Object record) {
        return recordType.cast(record);
    }

    /**
     * Builds the record from its fields' values (in {@link #fields()} order; {@code values} is not
     * kept) and its extra (must be null for a table without extra). Required fields are not checked
     * here: a reader names what is missing in its own terms first ({@link #firstMissing}).
     */
    public T create(Object[] values, ObjectNode extra) {
        if (values.length != fields.size()) {
            throw new IllegalArgumentException(name + " has " + fields.size() + " fields, got " + values.length + " values");
        }
        if (extra != null && this.extra == null) {
            throw new IllegalArgumentException(name + " keeps no extra");
        }
        return constructor.create(new Values(values, extra));
    }

    /** The first required field whose value is null, or null when all are there. */
    public Field<T> firstMissing(Object[] values) {
        for (int i = 0; i < fields.size(); i++) {
            if (values[i] == null && !fields.get(i).nullable()) {
                return fields.get(i);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name + fields;
    }

    static <T> Builder<T> builder(String name, Class<T> recordType) {
        return new Builder<>(name, recordType);
    }

    /** Declares a table, field by field, in log-line order. */
    static final class Builder<T> {
        private final String name;
        private final Class<T> recordType;
        private final List<Field<T>> fields = new ArrayList<>();

        private Builder(String name, Class<T> recordType) {
            this.name = name;
            this.recordType = recordType;
        }

        Builder<T> field(String field, FieldType type, Function<T, ?> accessor) {
            fields.add(new Field<>(field, type, true, accessor, null));
            return this;
        }

        Builder<T> required(String field, FieldType type, Function<T, ?> accessor) {
            fields.add(new Field<>(field, type, false, accessor, null));
            return this;
        }

        <V> Builder<T> struct(String field, FieldTable<V> struct, Function<T, V> accessor) {
            fields.add(new Field<>(field, FieldType.STRUCT, true, accessor, struct));
            return this;
        }

        /** A record that keeps unknown fields in its own {@code extra}. */
        FieldTable<T> build(Function<T, ObjectNode> extra, Constructor<T> constructor) {
            return new FieldTable<>(name, recordType, fields, extra, constructor);
        }

        /** A struct typed only whole: no extra of its own. */
        FieldTable<T> buildWhole(Constructor<T> constructor) {
            return new FieldTable<>(name, recordType, fields, null, constructor);
        }
    }
}
