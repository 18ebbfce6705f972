package io.deltasql.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Delta reader (Delta Kernel for Java) reads what SyntheticTableWriter wrote, checkpoints included. */
class SyntheticTableKernelTest {
    private static Engine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        engine = DefaultEngine.create(new Configuration());
    }

    private static Set<String> kernelFiles(Snapshot snapshot, Path table) throws IOException {
        String prefix = table.toUri().toString().replace("file:///", "file:/");
        Set<String> out = new TreeSet<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        String path = InternalScanFileUtils.getAddFileStatus(rows.next()).getPath();
                        out.add(path.substring(path.indexOf(prefix) + prefix.length()));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void kernelSeesTheTrackedLiveFilesThroughCheckpointsAndCommits() throws IOException {
        Path table = tmp.resolve("t");
        SyntheticTable t = SyntheticTableWriter.builder().versions(25).actionsPerVersion(12).checkpointInterval(10)
                .partitions(4).seed(11).metadataEvery(8).write(table);
        Snapshot latest = Table.forPath(engine, table.toString()).getLatestSnapshot(engine);
        assertThat(latest.getVersion()).isEqualTo(24);
        assertThat(latest.getPartitionColumnNames()).containsExactly("event_date");
        assertThat(latest.getSchema().fieldNames()).contains("id", "amount", "added_at_v24");
        assertThat(kernelFiles(latest, table)).isEqualTo(t.livePaths());

        // Time travel to the v20 checkpoint equals a table generated only up to v20.
        Path prefix = tmp.resolve("prefix");
        SyntheticTable upTo20 = SyntheticTableWriter.builder().versions(21).actionsPerVersion(12).checkpointInterval(10)
                .partitions(4).seed(11).metadataEvery(8).write(prefix);
        Snapshot at20 = Table.forPath(engine, table.toString()).getSnapshotAsOfVersion(engine, 20);
        assertThat(kernelFiles(at20, table)).isEqualTo(upTo20.livePaths());
    }

    @Test
    void kernelReadsABigCheckpointTable() throws IOException {
        Path table = tmp.resolve("big");
        SyntheticTableWriter.builder().seed(5).partitions(3).writeBigCheckpoint(table, 7, 5_000);
        Snapshot s = Table.forPath(engine, table.toString()).getLatestSnapshot(engine);
        assertThat(s.getVersion()).isEqualTo(7);
        assertThat(kernelFiles(s, table)).hasSize(5_000);
    }
}
