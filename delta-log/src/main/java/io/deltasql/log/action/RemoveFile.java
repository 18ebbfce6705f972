package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code remove}: a logical file left the table; kept as a tombstone. */
public record RemoveFile(
        String path,
        Long deletionTimestamp,
        Boolean dataChange,
        Boolean extendedFileMetadata,
        Map<String, String> partitionValues,
        Long size,
        String stats,
        Map<String, String> tags,
        DeletionVector deletionVector,
        Long baseRowId,
        Long defaultRowCommitVersion,
        ObjectNode extra) implements Action {

    @Override
    public ActionType type() {
        return ActionType.REMOVE;
    }

    public String dvId() {
        return DeletionVector.uniqueIdOf(deletionVector);
    }
}
