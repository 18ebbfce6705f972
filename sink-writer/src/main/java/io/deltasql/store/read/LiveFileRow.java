package io.deltasql.store.read;

import io.deltasql.log.action.AddFile;
import io.deltasql.store.schema.JsonColumns;

/**
 * The current row of a query of live files ({@link SnapshotQueries#liveFileRows}), read field by
 * field without making an {@link AddFile}: what a reader copies into its column vectors per file.
 * Most rows have a value only in the common fields, and always a size, modification time and data
 * change; a {@link #rare} row has a value in tags, the deletion vector, the row ids, the clustering
 * provider or {@code extra} too, or lacks one of those three, and is read whole with {@link #add}.
 * Valid only while the sink has it.
 */
public interface LiveFileRow {
    /** Whether the row is rare (the query says so in one column: a common row reads none of the rare ones). */
    boolean rare();

    String path();

    /** The partition values' entries to {@code out}; false, giving none, when the map is null. */
    boolean partitionValues(JsonColumns.Entries out);

    /** Of a common row: never null. */
    long size();

    /** Of a common row: never null. */
    long modificationTime();

    /** Of a common row: never null. */
    boolean dataChange();

    /** Null also when the query left the stats out. */
    String stats();

    /** The whole row as the model's record, {@code extra} included. */
    AddFile add();
}
