package io.deltasql.reader;

import static io.delta.kernel.internal.util.Utils.singletonCloseableIterator;

import io.delta.kernel.Scan;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.exceptions.KernelException;
import io.deltasql.log.DeltaLogException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * The rows of any Kernel scan (a {@link TableSnapshot}'s, or one built with filters from its
 * {@code scanBuilder()}), as Kernel's documented read loop makes them: as Kernel's documented read loop makes them: for each scan file, read
 * its Parquet with the engine and let {@link Scan#transformPhysicalData} apply deletion vectors,
 * partition values and column mapping. Lazy: one data file open at a time. A data file missing from
 * storage is a one-line {@link ReadException} naming it.
 */
public final class ScanRows implements CloseableIterator<Row> {
    private final Engine engine;
    private final Row scanState;
    private final StructType physicalSchema;
    private final CloseableIterator<FilteredColumnarBatch> scanFiles;
    private final long version;
    private final String location;

    private CloseableIterator<Row> scanFileRows = empty();
    private CloseableIterator<FilteredColumnarBatch> data = empty();
    private CloseableIterator<Row> rows = empty();
    private String currentFile;

    /** The rows of {@code scan}, run with {@code engine} (a deltasql snapshot's: {@link TableSnapshot#engine()}). */
    public static CloseableIterator<Row> of(Engine engine, Scan scan) {
        return new ScanRows(engine, scan, -1, null);
    }

    ScanRows(Engine engine, Scan scan, long version, String location) {
        this.engine = engine;
        this.scanState = scan.getScanState(engine);
        this.physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        this.scanFiles = scan.getScanFiles(engine);
        this.version = version;
        this.location = location;
    }

    @Override
    public boolean hasNext() {
        try {
            while (!rows.hasNext()) {
                if (data.hasNext()) {
                    rows = data.next().getRows();
                } else if (scanFileRows.hasNext()) {
                    data = open(scanFileRows.next());
                } else if (scanFiles.hasNext()) {
                    scanFileRows = scanFiles.next().getRows();
                } else {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return rows.next();
    }

    private CloseableIterator<FilteredColumnarBatch> open(Row scanFile) {
        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
        currentFile = file.getPath();
        try {
            CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                    .readParquetFiles(singletonCloseableIterator(file), physicalSchema, java.util.Optional.empty())
                    .map(FileReadResult::getData);
            return Scan.transformPhysicalData(engine, scanState, scanFile, physical);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuntimeException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileNotFoundException) {
                return new ReadException("data file " + currentFile + (version < 0 ? "" : " of version " + version)
                        + " is missing from storage" + (location == null ? "" : ": the table's files must stay at " + location
                        + " (deltasql holds the log, not the data)"), e);
            }
        }
        if (e instanceof KernelException) {
            return new ReadException(DeltaLogException.Kind.UNSUPPORTED, "Delta Kernel cannot read "
                    + (currentFile == null ? "the table" : "data file " + currentFile) + ": " + e.getMessage(), e);
        }
        return e;
    }

    @Override
    public void close() throws IOException {
        CloseableIterator<?> openRows = rows;
        CloseableIterator<?> openData = data;
        CloseableIterator<?> openScanFileRows = scanFileRows;
        try (scanFiles; openScanFileRows; openData; openRows) {
            // closes all four, innermost first
        }
    }

    private static <T> CloseableIterator<T> empty() {
        return io.delta.kernel.internal.util.Utils.toCloseableIterator(java.util.Collections.emptyIterator());
    }
}
