package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.BOOLEAN;
import static io.deltasql.log.action.FieldType.LONG;
import static io.deltasql.log.action.FieldType.STRING;
import static io.deltasql.log.action.FieldType.STRING_MAP;

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
    /** The fields of {@code add}, in log-line order. */
    public static final FieldTable<AddFile> FIELDS = FieldTable.builder("add", AddFile.class)
            .required("path", STRING, AddFile::path)
            .field("partitionValues", STRING_MAP, AddFile::partitionValues)
            .field("size", LONG, AddFile::size)
            .field("modificationTime", LONG, AddFile::modificationTime)
            .field("dataChange", BOOLEAN, AddFile::dataChange)
            .field("stats", STRING, AddFile::stats)
            .field("tags", STRING_MAP, AddFile::tags)
            .struct("deletionVector", DeletionVector.FIELDS, AddFile::deletionVector)
            .field("baseRowId", LONG, AddFile::baseRowId)
            .field("defaultRowCommitVersion", LONG, AddFile::defaultRowCommitVersion)
            .field("clusteringProvider", STRING, AddFile::clusteringProvider)
            .build(AddFile::extra, v -> new AddFile(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5),
                    v.get(6), v.get(7), v.get(8), v.get(9), v.get(10), v.extra()));

    @Override
    public ActionType type() {
        return ActionType.ADD;
    }

    /** The deletion vector's unique id, or "" without one: with the path, the logical file's key. */
    public String dvId() {
        return DeletionVector.uniqueIdOf(deletionVector);
    }
}
