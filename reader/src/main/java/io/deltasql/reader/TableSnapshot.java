package io.deltasql.reader;

import io.deltasql.log.action.AddFile;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A migrated table at one version: what the store says (version, time, live files with their stats)
 * and Delta Kernel's {@link Snapshot} over it, whose scans read the data files from storage.
 * Use {@link #engine()} with everything Kernel asks an engine for (scan files, reading data).
 */
public final class TableSnapshot {
    private final long version;
    private final long timestamp;
    private final Snapshot kernel;
    private final Engine engine;
    private final String location;
    private final Supplier<List<AddFile>> files;
    private List<AddFile> liveFiles;

    TableSnapshot(long version, long timestamp, Snapshot kernel, Engine engine, String location, Supplier<List<AddFile>> files) {
        this.files = files;
        this.version = version;
        this.timestamp = timestamp;
        this.kernel = kernel;
        this.engine = engine;
        this.location = location;
    }

    public long version() {
        return version;
    }

    /** The version's commit time in epoch ms (its inCommitTimestamp where present). */
    public long timestamp() {
        return timestamp;
    }

    /** The logical schema (column mapping resolved by Kernel). */
    public StructType schema() {
        return kernel.getSchema();
    }

    public List<String> partitionColumns() {
        return kernel.getPartitionColumnNames();
    }

    /** The table properties (metaData.configuration). */
    public Map<String, String> properties() {
        return kernel.getTableProperties();
    }

    /** The live files with their stats, sorted by path then deletion vector (one query, on first call). */
    public synchronized List<AddFile> liveFiles() {
        if (liveFiles == null) {
            liveFiles = files.get();
        }
        return liveFiles;
    }

    /** Kernel's snapshot: its scans, schema, protocol. */
    public Snapshot kernelSnapshot() {
        return kernel;
    }

    /** The engine this snapshot's scans must be run with: the log from the store, the data from storage. */
    public Engine engine() {
        return engine;
    }

    /** A Kernel scan builder (filters, read schema); run the scan with {@link #engine()}. */
    public ScanBuilder scanBuilder() {
        return kernel.getScanBuilder();
    }

    /** Every row, all columns. */
    public CloseableIterator<Row> rows() {
        return rows(List.of());
    }

    /** Every row with only {@code columns} (empty: all), in the schema's order of those columns. */
    public CloseableIterator<Row> rows(List<String> columns) {
        ScanBuilder builder = scanBuilder();
        if (!columns.isEmpty()) {
            builder = builder.withReadSchema(select(columns));
        }
        return new ScanRows(engine, builder.build(), version(), location);
    }

    /** The number of rows (deletion vectors applied). */
    public long count() {
        long n = 0;
        try (CloseableIterator<Row> rows = rows(List.of(schema().at(0).getName()))) {
            while (rows.hasNext()) {
                rows.next();
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private StructType select(List<String> columns) {
        StructType schema = schema();
        StructType out = new StructType();
        for (String c : columns) {
            int i = schema.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException("table has no column '" + c + "': its columns are " + schema.fieldNames());
            }
            StructField f = schema.at(i);
            out = out.add(f);
        }
        return out;
    }
}
