package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code add}: a data file (with an optional deletion vector) became part of the table. */
public record AddFile(
        String path,
        Map<String, String> partitionValues,
        Long size,
        Long modificationTime,
        Boolean dataChange,
        String stats,
        Map<String, String> tags,
        DeletionVector deletionVector,
        Long baseRowId,
        Long defaultRowCommitVersion,
        String clusteringProvider,
        ObjectNode extra) implements Action {

    @Override
    public ActionType type() {
        return ActionType.ADD;
    }

    /** The deletion vector's unique id, or "" without one: with the path, the logical file's key. */
    public String dvId() {
        return DeletionVector.uniqueIdOf(deletionVector);
    }
}
