package io.deltasql.log.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.SharedTables;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.listing.LogFileName;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LocalLogStorage;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.io.InputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a storage that keeps reads in flight (an object store's {@code readsAhead()}), an import's
 * batches and a dry run's scan read commits ahead of their consumer — and still hand over the same
 * versions, in order, with a damaged commit failing at its own version after every earlier one,
 * with the same message as when read one at a time. Each commit is opened once, by its listed entry.
 */
class ReadAheadTest {
    @TempDir
    Path dir;

    /** The local disk, answering as an object store: 8 reads in flight, opens by entry counted. */
    private static final class FarStorage implements LogStorage {
        private final LocalLogStorage disk = new LocalLogStorage();
        final AtomicInteger byPath = new AtomicInteger();

        @Override
        public List<FileEntry> list(String dir, String startAfter) throws IOException {
            return disk.list(dir, startAfter);
        }

        @Override
        public FileEntry stat(String path) throws IOException {
            return disk.stat(path);
        }

        @Override
        public InputStream open(FileEntry file) throws IOException {
            return disk.open(file.path());
        }

        @Override
        public InputStream open(String path) throws IOException {
            byPath.incrementAndGet();
            return disk.open(path);
        }

        @Override
        public InputFile parquetFile(FileEntry file) {
            return disk.parquetFile(file);
        }

        @Override
        public int readsAhead() {
            return 8;
        }

        @Override
        public void close() {
            disk.close();
        }
    }

    @Test
    void batchesReadAheadAreTheBatchesReadOneAtATime() {
        String table = SharedTables.table("checkpoint").toString();
        List<String> near = batches(DeltaLog.open(table, new LocalLogStorage()));
        FarStorage far = new FarStorage();
        List<String> read = batches(DeltaLog.open(table, far));
        assertThat(read).isEqualTo(near).hasSizeGreaterThan(5);
        assertThat(far.byPath).as("commits are opened by their listed entry").hasValue(0);
    }

    @Test
    void aDamagedCommitFailsAtItsVersionAfterEveryEarlierOne() throws Exception {
        Path table = commits(40, 23);
        List<String> near = batches(DeltaLog.open(table.toString(), new LocalLogStorage()));
        List<String> far = batches(DeltaLog.open(table.toString(), new FarStorage()));
        assertThat(far).isEqualTo(near);
        assertThat(far).hasSize(24); // versions 0..22, then the failure
        assertThat(far.get(23)).startsWith("failed: PARSE").contains(LogFileName.commitName(23));
    }

    @Test
    void aDryRunsScanReadAheadCountsAndFailsTheSame() throws Exception {
        Path table = commits(40, -1);
        assertThat(scan(DeltaLog.open(table.toString(), new FarStorage())))
                .isEqualTo(scan(DeltaLog.open(table.toString(), new LocalLogStorage()))).hasSize(4 + 39 * 3);
        Path damaged = commits(40, 31);
        List<String> far = scan(DeltaLog.open(damaged.toString(), new FarStorage()));
        assertThat(far).isEqualTo(scan(DeltaLog.open(damaged.toString(), new LocalLogStorage())));
        assertThat(far.get(far.size() - 1)).startsWith("failed: PARSE").contains(LogFileName.commitName(31));
    }

    /** A log of {@code versions} commits (protocol and metaData at 0), commit {@code damaged} (if ≥ 0) cut short. */
    private Path commits(int versions, int damaged) throws IOException {
        Path table = Files.createTempDirectory(dir, "t");
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        for (int v = 0; v < versions; v++) {
            StringBuilder c = new StringBuilder("{\"commitInfo\":{\"timestamp\":" + (1000 + v) + ",\"operation\":\"WRITE\"}}\n");
            if (v == 0) {
                c.append("{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n");
                c.append("{\"metaData\":{\"id\":\"t\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":")
                        .append("\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[]}\",\"partitionColumns\":[],\"configuration\":{}}}\n");
            }
            c.append("{\"add\":{\"path\":\"f").append(v).append(".parquet\",\"partitionValues\":{},\"size\":").append(v + 1)
                    .append(",\"modificationTime\":1,\"dataChange\":true}}\n");
            if (v > 0) {
                c.append("{\"remove\":{\"path\":\"f").append(v - 1).append(".parquet\",\"deletionTimestamp\":1,\"dataChange\":true}}\n");
            }
            String text = v == damaged ? c.substring(0, c.length() - 20) + "\n" : c.toString();
            Files.writeString(log.resolve(LogFileName.commitName(v)), text, StandardCharsets.UTF_8);
        }
        return table;
    }

    /** Each batch as version, origin and actions; a failure as its kind and message. */
    private static List<String> batches(DeltaLog log) {
        List<String> out = new ArrayList<>();
        try (log; CloseableIterator<VersionBatch> it = log.versions(log.plan(0, null, false))) {
            while (it.hasNext()) {
                VersionBatch b = it.next();
                List<String> actions = new ArrayList<>();
                try (CloseableIterator<Action> a = b.actions().open()) {
                    a.forEachRemaining(x -> actions.add(x.toString()));
                }
                out.add(b.version() + " " + b.origin() + " " + b.timestamp() + " " + actions);
            }
        } catch (DeltaLogException e) {
            out.add("failed: " + e.kind() + " " + e.getMessage());
        }
        return out;
    }

    /** What a dry run's scan reports, action by action; a failure as its kind and message. */
    private static List<String> scan(DeltaLog log) {
        List<String> out = new ArrayList<>();
        try (log) {
            log.scan(log.plan(0, null, false), new DeltaLog.ActionScan() {
                private long version;

                @Override
                public void version(long v, Origin origin) {
                    version = v;
                }

                @Override
                public void fileAction(ActionType type, int textChars) {
                    out.add(version + " " + type + " " + textChars);
                }

                @Override
                public void action(Action action) {
                    out.add(version + " " + action.type());
                }
            });
        } catch (DeltaLogException e) {
            out.add("failed: " + e.kind() + " " + e.getMessage());
        }
        return out;
    }
}
