package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.BOOLEAN;
import static io.deltasql.log.action.FieldType.LONG;
import static io.deltasql.log.action.FieldType.STRING;
import static io.deltasql.log.action.FieldType.STRING_MAP;

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
    /** The fields of {@code remove}, in log-line order. */
    public static final FieldTable<RemoveFile> FIELDS = FieldTable.builder("remove", RemoveFile.class)
            .required("path", STRING, RemoveFile::path)
            .field("deletionTimestamp", LONG, RemoveFile::deletionTimestamp)
            .field("dataChange", BOOLEAN, RemoveFile::dataChange)
            .field("extendedFileMetadata", BOOLEAN, RemoveFile::extendedFileMetadata)
            .field("partitionValues", STRING_MAP, RemoveFile::partitionValues)
            .field("size", LONG, RemoveFile::size)
            .field("stats", STRING, RemoveFile::stats)
            .field("tags", STRING_MAP, RemoveFile::tags)
            .struct("deletionVector", DeletionVector.FIELDS, RemoveFile::deletionVector)
            .field("baseRowId", LONG, RemoveFile::baseRowId)
            .field("defaultRowCommitVersion", LONG, RemoveFile::defaultRowCommitVersion)
            .build(RemoveFile::extra, v -> new RemoveFile(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5),
                    v.get(6), v.get(7), v.get(8), v.get(9), v.get(10), v.extra()));

    @Override
    public ActionType type() {
        return ActionType.REMOVE;
    }

    public String dvId() {
        return DeletionVector.uniqueIdOf(deletionVector);
    }
}
