package io.deltasql.reader;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Rows as a sorted multiset of their printed values: from Kernel on a table's own {@code _delta_log}, or from any row iterator. */
final class KernelRows {
    private KernelRows() {
    }

    /** The oracle: Kernel's default engine reads the table's own log (version null: the latest). */
    static List<String> fromOwnLog(Path table, Long version) {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem"); // stale .crc files are no error (as deltasql)
        conf.setBoolean("fs.file.impl.disable.cache", true);
        Engine engine = DefaultEngine.create(conf);
        var builder = TableManager.loadSnapshot(table.toUri().toString());
        Snapshot snapshot = (version == null ? builder : builder.atVersion(version)).build(engine);
        return sorted(ScanRows.of(engine, snapshot.getScanBuilder().build()));
    }

    /** The paths of a scan's files, sorted (scan planning: what Kernel would read). */
    static List<String> scanFiles(Engine engine, io.delta.kernel.Scan scan) {
        List<String> out = new ArrayList<>();
        try (CloseableIterator<io.delta.kernel.data.FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> files = batches.next().getRows()) {
                    files.forEachRemaining(f -> out.add(io.delta.kernel.internal.InternalScanFileUtils.getAddFileStatus(f).getPath()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** Kernel's default engine on the table's own log (version null: the latest), for scans of the test's own. */
    static Snapshot ownSnapshot(Path table, Long version, Engine[] engineOut) {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.setBoolean("fs.file.impl.disable.cache", true);
        Engine engine = DefaultEngine.create(conf);
        engineOut[0] = engine;
        var builder = TableManager.loadSnapshot(table.toUri().toString());
        return (version == null ? builder : builder.atVersion(version)).build(engine);
    }

    static List<String> sorted(CloseableIterator<Row> rows) {
        List<String> out = new ArrayList<>();
        try (rows) {
            while (rows.hasNext()) {
                out.add(RowValues.of(rows.next()).toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }
}
