package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.INT;
import static io.deltasql.log.action.FieldType.LONG;
import static io.deltasql.log.action.FieldType.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code deletionVector} descriptor of an add or remove. */
public record DeletionVector(
        String storageType,
        String pathOrInlineDv,
        Integer offset,
        Integer sizeInBytes,
        Long cardinality,
        Long maxRowIndex,
        ObjectNode extra) {
    /** The fields of a {@code deletionVector} descriptor, in log-line order. */
    public static final FieldTable<DeletionVector> FIELDS = FieldTable.builder("deletionVector", DeletionVector.class)
            .field("storageType", STRING, DeletionVector::storageType)
            .field("pathOrInlineDv", STRING, DeletionVector::pathOrInlineDv)
            .field("offset", INT, DeletionVector::offset)
            .field("sizeInBytes", INT, DeletionVector::sizeInBytes)
            .field("cardinality", LONG, DeletionVector::cardinality)
            .field("maxRowIndex", LONG, DeletionVector::maxRowIndex)
            .build(DeletionVector::extra, v -> new DeletionVector(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4),
                    v.get(5), v.extra()));

    /**
     * The protocol's unique id of a deletion vector: storage type and path (or inline data), plus
     * {@code @offset} when there is one. Together with the file path it is the key of a logical file.
     */
    public String uniqueId() {
        String id = storageType + pathOrInlineDv;
        return offset == null ? id : id + "@" + offset;
    }

    /** The unique id of {@code dv}, or the empty string for a file without a deletion vector. */
    public static String uniqueIdOf(DeletionVector dv) {
        return dv == null ? "" : dv.uniqueId();
    }
}
