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

/**
 * Rows as a sorted multiset of their printed values, and the paths of a scan's files: from Kernel on a
 * table's own {@code _delta_log} (the oracle), or through deltasql. Shared with the connector's tests.
 */
public final class KernelRows {
    private KernelRows() {
    }

    /** The oracle: Kernel's default engine reads the table's own log (version null: the latest). */
    static List<String> fromOwnLog(Path table, Long version) {
        Engine[] engine = new Engine[1];
        Snapshot snapshot = ownSnapshot(table, version, engine);
        return sorted(ScanRows.of(engine[0], snapshot.getScanBuilder().build()));
    }

    /** The paths of a scan's files, sorted (scan planning: what Kernel would read). */
    public static List<String> scanFiles(Engine engine, io.delta.kernel.Scan scan) {
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

    /** The paths of the files of Kernel's scan of the table's own log at {@code version}, sorted. */
    public static List<String> ownScanFiles(Path table, long version) {
        Engine[] engine = new Engine[1];
        Snapshot snapshot = ownSnapshot(table, version, engine);
        return scanFiles(engine[0], snapshot.getScanBuilder().build());
    }

    /** Kernel's default engine on the table's own log (version null: the latest), for scans of the test's own. */
    static Snapshot ownSnapshot(Path table, Long version, Engine[] engineOut) {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem"); // stale .crc files are no error (as deltasql)
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
