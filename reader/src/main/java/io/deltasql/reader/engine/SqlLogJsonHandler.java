package io.deltasql.reader.engine;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the log's JSON files (the commit; {@code _last_checkpoint} does not exist) from SQL, and
 * every other JSON file from storage. Parsing is Kernel's own.
 */
final class SqlLogJsonHandler implements JsonHandler {
    private final JsonHandler storage;
    private final SqlLog log;

    SqlLogJsonHandler(JsonHandler storage, SqlLog log) {
        this.storage = storage;
        this.log = log;
    }

    @Override
    public ColumnarBatch parseJson(ColumnVector jsonStringVector, StructType outputSchema, Optional<ColumnVector> selectionVector) {
        return storage.parseJson(jsonStringVector, outputSchema, selectionVector);
    }

    @Override
    public CloseableIterator<ColumnarBatch> readJsonFiles(CloseableIterator<FileStatus> files, StructType physicalSchema,
                                                          Optional<Predicate> predicate) throws IOException {
        return SqlLogFiles.read(files, log, fs -> storage.readJsonFiles(fs, physicalSchema, predicate),
                f -> fromSql(f, physicalSchema));
    }

    private CloseableIterator<ColumnarBatch> fromSql(FileStatus file, StructType schema)
            throws IOException {
        return log.batchesOf(file.getPath(), schema, storage).orElseThrow(() -> new FileNotFoundException(file.getPath()));
    }

    @Override
    public void writeJsonFileAtomically(String filePath, CloseableIterator<Row> data, boolean overwrite) throws IOException {
        if (log.contains(filePath)) {
            throw new IOException(filePath + ": a deltasql table's log is in its store; write through deltasql, not to _delta_log");
        }
        storage.writeJsonFileAtomically(filePath, data, overwrite);
    }
}
