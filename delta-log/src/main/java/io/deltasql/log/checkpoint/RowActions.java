package io.deltasql.log.checkpoint;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Cdc;
import io.deltasql.log.action.CheckpointMetadata;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.DeletionVector;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Sidecar;
import io.deltasql.log.action.Txn;
import io.deltasql.log.action.UnknownAction;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.GroupType;

/**
 * Turns one checkpoint row into actions: every non-null top-level column is one action (normally
 * exactly one per row; an all-null row yields none). Known action columns become typed records
 * built directly from the Parquet values; any other top-level column becomes an
 * {@link UnknownAction} holding its value as JSON, so forward-compatible columns are kept.
 * {@code stats_parsed} and {@code partitionValues_parsed} go into {@code extra} as JSON objects.
 */
final class RowActions {
    private RowActions() {
    }

    /**
     * The action type of each top-level column of {@code schema}: a known key holding a struct, or
     * UNKNOWN (kept whole as an {@link UnknownAction}). Computed once per file, not per row.
     */
    static ActionType[] columnTypes(GroupType schema) {
        ActionType[] types = new ActionType[schema.getFieldCount()];
        for (int i = 0; i < types.length; i++) {
            org.apache.parquet.schema.Type t = schema.getType(i);
            boolean struct = !t.isPrimitive() && !t.isRepetition(org.apache.parquet.schema.Type.Repetition.REPEATED);
            types[i] = struct ? ActionType.fromKey(t.getName()) : ActionType.UNKNOWN;
        }
        return types;
    }

    /** Appends the actions of {@code row} to {@code out}; {@code types} from {@link #columnTypes}. */
    static void decode(Group row, ActionType[] types, List<Action> out) {
        for (int i = 0; i < types.length; i++) {
            if (row.getFieldRepetitionCount(i) == 0) {
                continue;
            }
            if (types[i] == ActionType.UNKNOWN) {
                out.add(new UnknownAction(row.getType().getFieldName(i), ParquetJson.field(row, i)));
            } else {
                out.add(action(types[i], row.getGroup(i, 0)));
            }
        }
    }

    static Action action(ActionType type, Group g) {
        switch (type) {
            case ADD:
                return add(g);
            case REMOVE:
                return remove(g);
            case METADATA:
                return metadata(g);
            case PROTOCOL:
                return protocol(g);
            case TXN:
                return txn(g);
            case COMMIT_INFO:
                return commitInfo(g);
            case CDC:
                return cdc(g);
            case DOMAIN_METADATA:
                return domainMetadata(g);
            case CHECKPOINT_METADATA:
                return checkpointMetadata(g);
            case SIDECAR:
                return sidecar(g);
            default:
                throw new IllegalStateException("unknown action " + type);
        }
    }

    static AddFile add(Group g) {
        StructFields f = new StructFields(g);
        String path = null;
        Map<String, String> partitionValues = null;
        Map<String, String> tags = null;
        Long size = null;
        Long modificationTime = null;
        Long baseRowId = null;
        Long defaultRowCommitVersion = null;
        Boolean dataChange = null;
        String stats = null;
        String clusteringProvider = null;
        DeletionVector dv = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "path" -> path = f.text(i);
                case "partitionValues" -> partitionValues = f.stringMap(i);
                case "size" -> size = f.longValue(i);
                case "modificationTime" -> modificationTime = f.longValue(i);
                case "dataChange" -> dataChange = f.bool(i);
                case "stats" -> stats = f.text(i);
                case "tags" -> tags = f.stringMap(i);
                case "deletionVector" -> dv = deletionVector(f, i);
                case "baseRowId" -> baseRowId = f.longValue(i);
                case "defaultRowCommitVersion" -> defaultRowCommitVersion = f.longValue(i);
                case "clusteringProvider" -> clusteringProvider = f.text(i);
                default -> f.keep(i); // stats_parsed, partitionValues_parsed, future fields
            }
        }
        return new AddFile(required(path, "add", "path"), partitionValues, size, modificationTime, dataChange,
                stats, tags, dv, baseRowId, defaultRowCommitVersion, clusteringProvider, f.extra());
    }

    static RemoveFile remove(Group g) {
        StructFields f = new StructFields(g);
        String path = null;
        Long deletionTimestamp = null;
        Boolean dataChange = null;
        Boolean extendedFileMetadata = null;
        Map<String, String> partitionValues = null;
        Long size = null;
        String stats = null;
        Map<String, String> tags = null;
        DeletionVector dv = null;
        Long baseRowId = null;
        Long defaultRowCommitVersion = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "path" -> path = f.text(i);
                case "deletionTimestamp" -> deletionTimestamp = f.longValue(i);
                case "dataChange" -> dataChange = f.bool(i);
                case "extendedFileMetadata" -> extendedFileMetadata = f.bool(i);
                case "partitionValues" -> partitionValues = f.stringMap(i);
                case "size" -> size = f.longValue(i);
                case "stats" -> stats = f.text(i);
                case "tags" -> tags = f.stringMap(i);
                case "deletionVector" -> dv = deletionVector(f, i);
                case "baseRowId" -> baseRowId = f.longValue(i);
                case "defaultRowCommitVersion" -> defaultRowCommitVersion = f.longValue(i);
                default -> f.keep(i);
            }
        }
        return new RemoveFile(required(path, "remove", "path"), deletionTimestamp, dataChange, extendedFileMetadata,
                partitionValues, size, stats, tags, dv, baseRowId, defaultRowCommitVersion, f.extra());
    }

    private static DeletionVector deletionVector(StructFields parent, int field) {
        Group g = parent.group(field);
        if (g == null) {
            parent.keep(field);
            return null;
        }
        StructFields f = new StructFields(g);
        String storageType = null;
        String pathOrInlineDv = null;
        Integer offset = null;
        Integer sizeInBytes = null;
        Long cardinality = null;
        Long maxRowIndex = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "storageType" -> storageType = f.text(i);
                case "pathOrInlineDv" -> pathOrInlineDv = f.text(i);
                case "offset" -> offset = f.intValue(i);
                case "sizeInBytes" -> sizeInBytes = f.intValue(i);
                case "cardinality" -> cardinality = f.longValue(i);
                case "maxRowIndex" -> maxRowIndex = f.longValue(i);
                default -> f.keep(i);
            }
        }
        return new DeletionVector(storageType, pathOrInlineDv, offset, sizeInBytes, cardinality, maxRowIndex,
                f.extra());
    }

    static Metadata metadata(Group g) {
        StructFields f = new StructFields(g);
        String id = null;
        String name = null;
        String description = null;
        String provider = null;
        Map<String, String> options = null;
        String schemaString = null;
        List<String> partitionColumns = null;
        Long createdTime = null;
        Map<String, String> configuration = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "id" -> id = f.text(i);
                case "name" -> name = f.text(i);
                case "description" -> description = f.text(i);
                case "format" -> {
                    // Typed only when it is the plain {provider, options} pair, as in ActionCodec.
                    Group fg = f.group(i);
                    StructFields ff = fg == null ? null : new StructFields(fg);
                    String p = null;
                    Map<String, String> o = null;
                    if (ff != null) {
                        for (int j = 0; j < ff.count(); j++) {
                            if (!ff.present(j)) {
                                continue;
                            }
                            switch (ff.name(j)) {
                                case "provider" -> p = ff.text(j);
                                case "options" -> o = ff.stringMap(j);
                                default -> ff.keep(j);
                            }
                        }
                    }
                    if (ff == null || ff.extra() != null) {
                        f.keep(i);
                    } else {
                        provider = p;
                        options = o;
                    }
                }
                case "schemaString" -> schemaString = f.text(i);
                case "partitionColumns" -> partitionColumns = f.stringList(i);
                case "createdTime" -> createdTime = f.longValue(i);
                case "configuration" -> configuration = f.stringMap(i);
                default -> f.keep(i);
            }
        }
        return new Metadata(id, name, description, provider, options, schemaString, partitionColumns, createdTime,
                configuration, f.extra());
    }

    static Protocol protocol(Group g) {
        StructFields f = new StructFields(g);
        Integer reader = null;
        Integer writer = null;
        List<String> readerFeatures = null;
        List<String> writerFeatures = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "minReaderVersion" -> reader = f.intValue(i);
                case "minWriterVersion" -> writer = f.intValue(i);
                case "readerFeatures" -> readerFeatures = f.stringList(i);
                case "writerFeatures" -> writerFeatures = f.stringList(i);
                default -> f.keep(i);
            }
        }
        return new Protocol(reader, writer, readerFeatures, writerFeatures, f.extra());
    }

    static Txn txn(Group g) {
        StructFields f = new StructFields(g);
        String appId = null;
        Long version = null;
        Long lastUpdated = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "appId" -> appId = f.text(i);
                case "version" -> version = f.longValue(i);
                case "lastUpdated" -> lastUpdated = f.longValue(i);
                default -> f.keep(i);
            }
        }
        return new Txn(required(appId, "txn", "appId"), version, lastUpdated, f.extra());
    }

    static CommitInfo commitInfo(Group g) {
        StructFields f = new StructFields(g);
        Long timestamp = null;
        Long inCommitTimestamp = null;
        String operation = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "timestamp" -> timestamp = f.epochMillis(i); // old writers stored INT96
                case "inCommitTimestamp" -> inCommitTimestamp = f.longValue(i);
                case "operation" -> operation = f.text(i);
                default -> f.keep(i);
            }
        }
        return new CommitInfo(timestamp, inCommitTimestamp, operation, f.extra());
    }

    static Cdc cdc(Group g) {
        StructFields f = new StructFields(g);
        String path = null;
        Map<String, String> partitionValues = null;
        Long size = null;
        Boolean dataChange = null;
        Map<String, String> tags = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "path" -> path = f.text(i);
                case "partitionValues" -> partitionValues = f.stringMap(i);
                case "size" -> size = f.longValue(i);
                case "dataChange" -> dataChange = f.bool(i);
                case "tags" -> tags = f.stringMap(i);
                default -> f.keep(i);
            }
        }
        return new Cdc(required(path, "cdc", "path"), partitionValues, size, dataChange, tags, f.extra());
    }

    static DomainMetadata domainMetadata(Group g) {
        StructFields f = new StructFields(g);
        String domain = null;
        String configuration = null;
        Boolean removed = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "domain" -> domain = f.text(i);
                case "configuration" -> configuration = f.text(i);
                case "removed" -> removed = f.bool(i);
                default -> f.keep(i);
            }
        }
        return new DomainMetadata(required(domain, "domainMetadata", "domain"), configuration, removed, f.extra());
    }

    static CheckpointMetadata checkpointMetadata(Group g) {
        StructFields f = new StructFields(g);
        Long version = null;
        Map<String, String> tags = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "version" -> version = f.longValue(i);
                case "tags" -> tags = f.stringMap(i);
                default -> f.keep(i);
            }
        }
        return new CheckpointMetadata(version, tags, f.extra());
    }

    static Sidecar sidecar(Group g) {
        StructFields f = new StructFields(g);
        String path = null;
        Long sizeInBytes = null;
        Long modificationTime = null;
        Map<String, String> tags = null;
        for (int i = 0; i < f.count(); i++) {
            if (!f.present(i)) {
                continue;
            }
            switch (f.name(i)) {
                case "path" -> path = f.text(i);
                case "sizeInBytes" -> sizeInBytes = f.longValue(i);
                case "modificationTime" -> modificationTime = f.longValue(i);
                case "tags" -> tags = f.stringMap(i);
                default -> f.keep(i);
            }
        }
        return new Sidecar(required(path, "sidecar", "path"), sizeInBytes, modificationTime, tags, f.extra());
    }

    private static String required(String value, String action, String field) {
        if (value == null) {
            throw new BadRowException("'" + action + "' has no string field '" + field + "'");
        }
        return value;
    }

    /** A row that is not a valid action; the reader adds file, version and row. */
    static final class BadRowException extends RuntimeException {
        BadRowException(String message) {
            super(message);
        }
    }
}
