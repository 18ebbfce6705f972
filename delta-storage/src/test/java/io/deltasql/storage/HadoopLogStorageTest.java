package io.deltasql.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.SharedTables;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopLogStorageTest {
    @TempDir
    Path dir;

    /** Hadoop's raw local file system (object stores use the same class; local tables now get LocalLogStorage). */
    static HadoopLogStorage hadoop() throws java.io.IOException {
        java.net.URI root = java.net.URI.create("file:///");
        return new HadoopLogStorage(root, HadoopStores.configuration(root, StorageSettings.empty(),
                StorageRetry.of(StorageSettings.empty())));
    }

    @Test
    void staleHadoopChecksumsDoNotBreakReading() throws Exception {
        // cdc-ict-table: commit 1 was edited by hand upstream, its .crc sidecar no longer matches.
        Path log = SharedTables.table("cdc-ict-table").resolve("_delta_log");
        Path commit = log.resolve("00000000000000000001.json");
        try (LogStorage storage = hadoop();
             InputStream in = storage.open(storage.stat(commit.toString()).path())) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(commit));
        }
        // checkpoint: the .crc next to the checkpoint parquet covers fewer bytes than the file has.
        Path parquet = SharedTables.table("checkpoint").resolve("_delta_log/00000000000000000010.checkpoint.parquet");
        try (LogStorage storage = hadoop()) {
            FileEntry e = storage.stat(parquet.toString());
            try (var stream = storage.parquetFile(e).newStream()) {
                byte[] all = new byte[(int) e.size()];
                stream.readFully(all);
                assertThat(all).isEqualTo(Files.readAllBytes(parquet));
            }
        }
    }

    @Test
    void listIsSortedFilteredAndFilesOnly() throws Exception {
        Files.writeString(dir.resolve("b"), "1");
        Files.writeString(dir.resolve("a"), "1");
        Files.writeString(dir.resolve("c"), "1");
        Files.createDirectories(dir.resolve("_sidecars"));
        try (LogStorage storage = hadoop()) {
            assertThat(storage.list(dir.toString(), null)).extracting(FileEntry::name).containsExactly("a", "b", "c");
            assertThat(storage.list(dir.toString(), "a")).extracting(FileEntry::name).containsExactly("b", "c");
            assertThat(storage.list(dir.resolve("missing").toString(), null)).isEmpty();
            assertThat(storage.stat(dir.resolve("missing").toString())).isNull();
            FileEntry a = storage.stat(dir.resolve("a").toString());
            assertThat(a.size()).isEqualTo(1);
            assertThat(a.path()).startsWith("file:");
            Files.createDirectories(dir.resolve("z/inner"));
            assertThat(storage.listDirectories(dir.toString())).containsExactly("_sidecars", "z");
            assertThat(storage.listDirectories(dir.resolve("missing").toString())).isEmpty();
        }
    }

    @Test
    void listingAfterAVersionOnLocalDisksMatchesTheHadoopListing() throws Exception {
        // The local fast path (names first, stat only what is after startAfter) must list exactly
        // what Hadoop's listStatus does: same paths, names, sizes and times, same order.
        Path log = SharedTables.table("checkpoint").resolve("_delta_log");
        try (HadoopLogStorage storage = hadoop()) {
            HadoopLogStorage hadoop = storage;
            List<FileEntry> all = hadoop.listAll(log.toString(), null);
            assertThat(all).hasSizeGreaterThan(10);
            for (String after : List.of("", "00000000000000000004.json", "00000000000000000010.checkpoint.parquet",
                    "99999999999999999999.json")) {
                assertThat(storage.list(log.toString(), after)).as("after '%s'", after)
                        .isEqualTo(hadoop.listAll(log.toString(), after))
                        .isEqualTo(all.stream().filter(e -> e.name().compareTo(after) > 0).toList());
                assertThat(storage.list("file://" + log, after)).isEqualTo(storage.list(log.toString(), after));
            }
            assertThat(storage.list(log.resolve("missing").toString(), "0")).isEmpty();
        }
    }

    @Test
    void plainPathsBecomeFileUris() {
        assertThat(LogStorages.toUri("/tmp/x/").toString()).isEqualTo("file:///tmp/x");
        assertThat(LogStorages.toUri("file:///tmp/x").toString()).isEqualTo("file:///tmp/x");
        assertThat(LogStorages.toUri("s3a://bucket/t/").toString()).isEqualTo("s3a://bucket/t");
    }
}
