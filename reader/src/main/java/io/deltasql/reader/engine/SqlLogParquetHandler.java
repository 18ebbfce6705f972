package io.deltasql.reader.engine;


import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the log's checkpoint from SQL — the snapshot's actions as rows of the read schema, made by
 * Kernel's own JSON parser ({@link ActionBatches}) — and every other Parquet file (the data) from
 * storage. The predicate Kernel passes for a checkpoint is a hint (skipping is optional), so rows are
 * filtered only by the read schema's action keys.
 */
final class SqlLogParquetHandler implements ParquetHandler {
    private final ParquetHandler storage;
    private final JsonHandler json;
    private final SqlLog log;

    SqlLogParquetHandler(ParquetHandler storage, JsonHandler json, SqlLog log) {
        this.storage = storage;
        this.json = json;
        this.log = log;
    }

    @Override
    public CloseableIterator<FileReadResult> readParquetFiles(CloseableIterator<FileStatus> files, StructType physicalSchema,
                                                              Optional<Predicate> predicate) throws IOException {
        return SqlLogFiles.read(files, log, fs -> storage.readParquetFiles(fs, physicalSchema, predicate),
                f -> fromSql(f, physicalSchema));
    }

    private CloseableIterator<FileReadResult> fromSql(FileStatus file, StructType schema)
            throws IOException {
        return log.batchesOf(file.getPath(), schema, json).orElseThrow(() -> new FileNotFoundException(file.getPath()))
                .map(batch -> new FileReadResult(batch, file.getPath()));
    }

    @Override
    public CloseableIterator<DataFileStatus> writeParquetFiles(String directoryPath, CloseableIterator<FilteredColumnarBatch> data,
                                                               List<Column> statsColumns) throws IOException {
        refuseLog(directoryPath);
        return storage.writeParquetFiles(directoryPath, data, statsColumns);
    }

    @Override
    public void writeParquetFileAtomically(String filePath, CloseableIterator<FilteredColumnarBatch> data) throws IOException {
        refuseLog(filePath);
        storage.writeParquetFileAtomically(filePath, data);
    }

    private void refuseLog(String path) throws IOException {
        if (log.contains(path)) {
            throw new IOException(path + ": a deltasql table's log is in its store; write through deltasql, not to _delta_log");
        }
    }
}
