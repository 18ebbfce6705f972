package io.deltasql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.SharedTables;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LocalLogStorage;
import io.deltasql.log.storage.LogStorage;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why plain paths and {@code file:} URIs may use delta-log's {@link LocalLogStorage} instead of
 * Hadoop's raw local file system: on every shared table both list the same names in the same order
 * with the same sizes and modification times, skip the same sub-directories ({@code _sidecars/},
 * {@code _staged_commits/}), stat a directory as size 0, return nothing for a missing directory or
 * file, read the same bytes, and give the same snapshot and version stream. Their paths differ only
 * in form ({@code /x} vs {@code file:/x}); each storage opens its own. And a local table loads no
 * Hadoop class at all.
 */
class LocalStorageEquivalenceTest {
    @TempDir
    Path tmp;

    @Test
    void sameListingsStatsAndBytesOnEverySharedTable() throws Exception {
        List<Path> tables;
        try (Stream<Path> s = Files.list(SharedTables.root())) {
            tables = s.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).sorted().toList();
        }
        assertThat(tables).hasSizeGreaterThan(30);
        try (HadoopLogStorage hadoop = HadoopLogStorageTest.hadoop(); LocalLogStorage local = new LocalLogStorage()) {
            for (Path table : tables) {
                Path log = table.resolve("_delta_log");
                for (String dir : List.of(log.toString(), log.toUri().toString())) {
                    for (String after : List.of("", "00000000000000000001.json", "00000000000000000010.checkpoint.parquet")) {
                        String from = after.isEmpty() ? null : after;
                        assertThat(names(local.list(dir, from))).as("%s after %s", dir, after)
                                .isEqualTo(names(hadoop.list(dir, from)));
                    }
                }
                for (FileEntry e : hadoop.list(log.toString(), null)) {
                    FileEntry l = local.stat(log.resolve(e.name()).toString());
                    assertThat(l.size()).isEqualTo(e.size());
                    assertThat(l.modificationTime()).isEqualTo(e.modificationTime());
                }
                FileEntry dirStat = local.stat(log.toString());
                FileEntry hadoopDirStat = hadoop.stat(log.toString());
                assertThat(dirStat.size()).isEqualTo(hadoopDirStat.size()).isZero();
                assertThat(dirStat.modificationTime()).isEqualTo(hadoopDirStat.modificationTime());
            }
        }
    }

    @Test
    void sameEdgeCases() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("_delta_log"));
        Files.writeString(dir.resolve("00000000000000000001.json"), "{}\n");
        Files.writeString(dir.resolve("00000000000000000000.json"), "{\"a\":1}\n");
        Files.writeString(dir.resolve(".00000000000000000000.json.crc"), "x");
        Files.createDirectories(dir.resolve("_sidecars"));
        Files.createDirectories(dir.resolve("_staged_commits"));
        Files.setLastModifiedTime(dir.resolve("00000000000000000001.json"), FileTime.fromMillis(1_700_000_000_123L));
        try (HadoopLogStorage hadoop = HadoopLogStorageTest.hadoop(); LocalLogStorage local = new LocalLogStorage()) {
            assertThat(names(local.list(dir.toString(), null))).isEqualTo(names(hadoop.list(dir.toString(), null)))
                    .containsExactly(".00000000000000000000.json.crc|1", "00000000000000000000.json|8", "00000000000000000001.json|3");
            assertThat(local.stat(dir.resolve("00000000000000000001.json").toString()).modificationTime())
                    .isEqualTo(hadoop.stat(dir.resolve("00000000000000000001.json").toString()).modificationTime())
                    .isEqualTo(1_700_000_000_123L);
            assertThat(local.list(tmp.resolve("missing").toString(), null)).isEqualTo(hadoop.list(tmp.resolve("missing").toString(), null)).isEmpty();
            assertThat(local.stat(tmp.resolve("missing").toString())).isNull();
            assertThat(hadoop.stat(tmp.resolve("missing").toString())).isNull();
            FileEntry e = local.stat(dir.resolve("00000000000000000000.json").toString());
            try (InputStream a = local.open(e.path()); InputStream b = hadoop.open(hadoop.stat(dir.resolve(
                    "00000000000000000000.json").toString()).path())) {
                assertThat(a.readAllBytes()).isEqualTo(b.readAllBytes());
            }
        }
    }

    @Test
    void sameSnapshotsAndVersionStreams() throws Exception {
        for (String table : List.of("checkpoint", "multi-part-checkpoint", "v2-checkpoints-json-with-sidecars",
                "v2-checkpoint-parquet", "dv-partitioned-with-checkpoint", "canonicalized-paths-special-a", "log-replay-special-characters")) {
            String location = LogStorages.toUri(SharedTables.table(table).toString()).toString();
            try (HadoopLogStorage hadoopStorage = HadoopLogStorageTest.hadoop();
                 LogStorage picked = LogStorages.forLocation(location, StorageSettings.empty());
                 DeltaLog viaHadoop = DeltaLog.open(location, hadoopStorage);
                 DeltaLog viaLocal = DeltaLog.open(location, picked)) {
                assertThat(picked).isInstanceOf(LocalLogStorage.class);
                assertThat(viaLocal.latestSnapshot().files()).as(table).isEqualTo(viaHadoop.latestSnapshot().files());
                long first = viaHadoop.listing().earliestRebuildableVersion().orElseThrow();
                assertThat(stream(viaLocal, first)).as(table).isEqualTo(stream(viaHadoop, first)).isNotEmpty();
            }
        }
    }

    /**
     * A fresh JVM reading a local table of commits: no Hadoop, AWS or GCS class is loaded (issue #18,
     * start-up). (A Parquet checkpoint still loads Hadoop's Configuration and codecs through
     * parquet-hadoop in delta-log's checkpoint reader, but no file system, no user/group lookup.)
     */
    @Test
    void aLocalTableLoadsNoHadoopClass() throws Exception {
        Path classes = tmp.resolve("loaded.txt");
        List<String> cmd = List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xlog:class+load=info:file=" + classes, "-cp", System.getProperty("java.class.path"),
                ReadLocalTable.class.getName(), SharedTables.table("simple-table").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("version 4");
        List<String> loaded = Files.readAllLines(classes);
        assertThat(loaded).anyMatch(l -> l.contains("io.deltasql.storage.LogStorages"));
        assertThat(loaded).noneMatch(l -> l.contains("org.apache.hadoop.")).noneMatch(l -> l.contains("software.amazon."))
                .noneMatch(l -> l.contains("com.google.cloud.hadoop"));
    }

    /** Run by {@link #aLocalTableLoadsNoHadoopClass} in its own JVM. */
    public static final class ReadLocalTable {
        public static void main(String[] args) throws Exception {
            try (LogStorage storage = LogStorages.forLocation(args[0], Map.of());
                 DeltaLog log = DeltaLog.open(LogStorages.toUri(args[0]).toString(), storage)) {
                System.out.println("version " + log.latestSnapshot().version());
            }
        }
    }

    private static List<String> names(List<FileEntry> entries) {
        return entries.stream().map(e -> e.name() + "|" + e.size()).toList();
    }

    private static List<String> stream(DeltaLog log, long from) {
        List<String> out = new ArrayList<>();
        try (CloseableIterator<VersionBatch> it = log.versions(log.plan(from, null, false))) {
            while (it.hasNext()) {
                VersionBatch b = it.next();
                out.add("v" + b.version() + " " + b.origin() + " " + b.timestamp() + " " + b.actionCount());
                try (CloseableIterator<Action> actions = b.actions().open()) {
                    while (actions.hasNext()) {
                        out.add(ActionCodec.toJson(actions.next()));
                    }
                }
            }
        }
        return out;
    }
}
