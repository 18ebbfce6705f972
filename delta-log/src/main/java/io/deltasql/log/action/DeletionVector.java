package io.deltasql.log.action;

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
