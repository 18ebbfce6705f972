package io.deltasql.log.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.VersionRange;
import io.deltasql.log.checkpoint.CheckpointKind;
import io.deltasql.log.storage.FileEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogListingTest {
    private static final String UUID = "f5ee283b-37c7-46af-b64c-8f77c6a5c43a";

    private static LogListing listing(long after, String... names) {
        List<FileEntry> entries = new ArrayList<>();
        for (String n : names) {
            entries.add(new FileEntry("/t/_delta_log/" + n, n, 10, 1000));
        }
        return new LogListing(entries, after);
    }

    private static String v(long version) {
        return LogFileName.versionPrefix(version);
    }

    @Test
    void commitsAndLatestVersion() {
        LogListing l = listing(-1, v(0) + ".json", v(1) + ".json", v(2) + ".json");
        assertThat(l.commits().keySet()).containsExactly(0L, 1L, 2L);
        assertThat(l.latestVersion()).isEqualTo(2);
        assertThat(l.earliestRebuildableVersion()).hasValue(0);
        assertThat(l.missingRanges()).isEmpty();
    }

    @Test
    void classicCheckpoint() {
        LogListing l = listing(-1, v(0) + ".json", v(1) + ".json", v(1) + ".checkpoint.parquet");
        assertThat(l.latestCheckpointAtOrBefore(5)).get().satisfies(c -> {
            assertThat(c.version()).isEqualTo(1);
            assertThat(c.kind()).isEqualTo(CheckpointKind.CLASSIC);
        });
        assertThat(l.latestCheckpointAtOrBefore(0)).isEmpty();
    }

    @Test
    void multiPartCheckpointOnlyWhenComplete() {
        LogListing l = listing(-1, v(3) + ".json",
                v(2) + ".checkpoint.0000000001.0000000002.parquet", v(2) + ".checkpoint.0000000002.0000000002.parquet",
                v(3) + ".checkpoint.0000000001.0000000003.parquet", v(3) + ".checkpoint.0000000003.0000000003.parquet");
        assertThat(l.checkpoints().keySet()).containsExactly(2L);
        assertThat(l.checkpoints().get(2L).kind()).isEqualTo(CheckpointKind.MULTI_PART);
        assertThat(l.checkpoints().get(2L).files()).extracting(FileEntry::name).containsExactly(
                v(2) + ".checkpoint.0000000001.0000000002.parquet", v(2) + ".checkpoint.0000000002.0000000002.parquet");
        assertThat(l.incompleteCheckpointParts()).hasSize(2);
    }

    @Test
    void v2UuidCheckpoints() {
        LogListing l = listing(-1, v(6) + ".checkpoint." + UUID + ".json", v(8) + ".checkpoint." + UUID + ".parquet");
        assertThat(l.checkpoints().get(6L).kind()).isEqualTo(CheckpointKind.V2_JSON);
        assertThat(l.checkpoints().get(8L).kind()).isEqualTo(CheckpointKind.V2_PARQUET);
    }

    @Test
    void compactionFilesAreRecognisedButNotHistory() {
        LogListing l = listing(-1, v(0) + "." + v(5) + ".compacted.json", v(0) + ".json", v(1) + ".json");
        assertThat(l.compactions()).singleElement().satisfies(c -> {
            assertThat(c.fromVersion()).isEqualTo(0);
            assertThat(c.toVersion()).isEqualTo(5);
        });
        assertThat(l.latestVersion()).isEqualTo(1);
        assertThat(l.commits()).hasSize(2);
    }

    @Test
    void checksumFilesAreKept() {
        LogListing l = listing(-1, v(0) + ".json", v(0) + ".crc");
        assertThat(l.checksum(0)).isPresent();
        assertThat(l.checksum(1)).isEmpty();
    }

    @Test
    void strayFilesAreIgnored() {
        LogListing l = listing(-1, "." + v(0) + ".json.crc", ".s3-optimization-0", "._last_checkpoint.crc",
                v(0) + ".json", "random.txt", "_last_checkpoint");
        assertThat(l.commits()).hasSize(1);
        assertThat(l.ignored()).extracting(FileEntry::name)
                .containsExactlyInAnyOrder("." + v(0) + ".json.crc", ".s3-optimization-0", "._last_checkpoint.crc",
                        "random.txt");
        assertThat(l.lastCheckpointFile()).isPresent();
    }

    @Test
    void earliestRebuildableAfterCleanup() {
        LogListing l = listing(-1, v(5) + ".checkpoint.parquet", v(5) + ".json", v(6) + ".json",
                v(10) + ".checkpoint.parquet", v(10) + ".json");
        assertThat(l.earliestRebuildableVersion()).hasValue(5);
        assertThat(l.missingRanges()).containsExactly(new VersionRange(7, 9));
    }

    @Test
    void checkpointOnlyLog() {
        LogListing l = listing(-1, v(108) + ".checkpoint.parquet");
        assertThat(l.latestVersion()).isEqualTo(108);
        assertThat(l.earliestRebuildableVersion()).hasValue(108);
        assertThat(l.missingRanges()).containsExactly(new VersionRange(108, 108));
    }

    @Test
    void emptyLog() {
        LogListing l = listing(-1, "_last_checkpoint");
        assertThat(l.isEmpty()).isTrue();
        assertThat(l.earliestRebuildableVersion()).isEmpty();
        assertThat(l.latestVersion()).isEqualTo(-1);
    }

    @Test
    void partialListingKeepsOnlyLaterVersions() {
        LogListing l = listing(4, v(4) + ".json", v(4) + ".checkpoint.parquet", v(5) + ".json");
        assertThat(l.commits().keySet()).containsExactly(5L);
        assertThat(l.checkpoints()).isEmpty();
        assertThat(l.latestVersion()).isEqualTo(5);
        assertThat(listing(5).latestVersion()).isEqualTo(5);
    }

    @Test
    void namesThatOnlyLookLikeLogFiles() {
        assertThat(LogFileName.parse("0.json").type()).isEqualTo(LogFileName.Type.OTHER);
        assertThat(LogFileName.parse(v(1) + ".checkpoint.notauuid.json").type()).isEqualTo(LogFileName.Type.OTHER);
        assertThat(LogFileName.parse(v(1) + ".checkpoint.0000000003.0000000002.parquet").type())
                .isEqualTo(LogFileName.Type.OTHER);
        assertThat(LogFileName.parse(v(9) + "." + v(3) + ".compacted.json").type()).isEqualTo(LogFileName.Type.OTHER);
    }
}
