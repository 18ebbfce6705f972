package io.deltasql.connect.it;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Delta Kernel's scan planning: the paths of a scan's files, sorted — through deltasql, or on a table's own log. */
final class KernelScans {
    private KernelScans() {
    }

    static List<String> files(Engine engine, Scan scan) {
        List<String> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    rows.forEachRemaining(f -> out.add(InternalScanFileUtils.getAddFileStatus(f).getPath()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /** Kernel's default engine on the table's own {@code _delta_log} at {@code version}. */
    static List<String> ownFiles(Path table, long version) {
        Engine engine = DefaultEngine.create(new Configuration());
        Snapshot snapshot = TableManager.loadSnapshot(table.toUri().toString()).atVersion(version).build(engine);
        return files(engine, snapshot.getScanBuilder().build());
    }
}
