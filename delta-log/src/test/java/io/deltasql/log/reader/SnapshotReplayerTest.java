package io.deltasql.log.reader;

import static io.deltasql.log.TestLogs.METADATA;
import static io.deltasql.log.TestLogs.PROTOCOL;
import static io.deltasql.log.TestLogs.add;
import static io.deltasql.log.TestLogs.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deltasql.log.DeltaLogException.Kind;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.TestLogs;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.replay.FileKey;
import io.deltasql.log.replay.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotReplayerTest {
    @TempDir
    Path table;

    private DeltaLogException failure(long version) {
        try (DeltaLog log = DeltaLog.openLocal(table.toString())) {
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> log.snapshot(version));
            assertThat(e).as("snapshot %s must fail", version).isNotNull();
            assertThat(e.getMessage()).doesNotContain("\n");
            return e;
        }
    }

    @Test
    void reconciliationRules() throws Exception {
        String dvA = "\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"abc\",\"offset\":1,\"sizeInBytes\":3,\"cardinality\":1}";
        TestLogs.commit(table, 0, PROTOCOL, METADATA, add("a", 10), add("b", 20),
                "{\"txn\":{\"appId\":\"app\",\"version\":1}}",
                "{\"domainMetadata\":{\"domain\":\"d1\",\"configuration\":\"{}\",\"removed\":false}}",
                "{\"domainMetadata\":{\"domain\":\"d2\",\"configuration\":\"{}\",\"removed\":false}}");
        TestLogs.commit(table, 1, remove("a"),
                "{\"add\":{\"path\":\"a\",\"partitionValues\":{},\"size\":11,\"modificationTime\":1,\"dataChange\":true," + dvA + "}}",
                "{\"txn\":{\"appId\":\"app\",\"version\":2}}",
                "{\"domainMetadata\":{\"domain\":\"d2\",\"configuration\":\"{}\",\"removed\":true}}",
                "{\"cdc\":{\"path\":\"c\",\"partitionValues\":{},\"size\":1,\"dataChange\":false}}",
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],\"writerFeatures\":[\"deletionVectors\"]}}");
        TestLogs.commit(table, 2, remove("b"), add("file:/abs/x", 5), remove("/abs/x"));
        try (DeltaLog log = DeltaLog.openLocal(table.toString())) {
            Snapshot s1 = log.snapshot(1);
            assertThat(s1.files()).extracting(AddFile::path, AddFile::dvId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "uabc@1"),
                            org.assertj.core.groups.Tuple.tuple("b", ""));
            assertThat(s1.totalSize()).isEqualTo(31);
            assertThat(s1.tombstones()).extracting(r -> r.path()).containsExactly("a");
            assertThat(s1.txns().get("app").version()).isEqualTo(2);
            assertThat(s1.domains()).containsOnlyKeys("d1");
            assertThat(s1.protocol().minReaderVersion()).isEqualTo(3);

            Snapshot s2 = log.latestSnapshot();
            assertThat(s2.version()).isEqualTo(2);
            assertThat(s2.files()).extracting(AddFile::path).containsExactly("a"); // file:/abs/x == /abs/x
            assertThat(s2.tombstones()).extracting(r -> r.path()).containsExactly("/abs/x", "a", "b");

            Snapshot s0 = log.snapshot(0);
            assertThat(s0.numFiles()).isEqualTo(2);
            assertThat(s0.domains()).containsOnlyKeys("d1", "d2");
        }
    }

    @Test
    void canonicalPathsMatchAcrossFileSchemeVariants() {
        assertThat(FileKey.canonical("file:/a/b")).isEqualTo("/a/b");
        assertThat(FileKey.canonical("file:///a/b")).isEqualTo("/a/b");
        assertThat(FileKey.canonical("file://localhost/a/b")).isEqualTo("/a/b");
        assertThat(FileKey.canonical("/a/b")).isEqualTo("/a/b");
        assertThat(FileKey.canonical("a/b")).isEqualTo("a/b");
        assertThat(FileKey.canonical("s3://bucket/a")).isEqualTo("s3://bucket/a");
        assertThat(FileKey.canonical("file://host/a")).isEqualTo("file://host/a");
    }

    @Test
    void noProtocolIsIncomplete() throws Exception {
        TestLogs.commit(table, 0, METADATA, add("a", 1));
        DeltaLogException e = failure(0);
        assertThat(e.kind()).isEqualTo(Kind.INCOMPLETE_STATE);
        assertThat(e.getMessage()).startsWith("table at version 0 has no protocol action: ");
    }

    @Test
    void noMetadataIsIncomplete() throws Exception {
        TestLogs.commit(table, 0, PROTOCOL, add("a", 1));
        assertThat(failure(0).kind()).isEqualTo(Kind.INCOMPLETE_STATE);
        assertThat(failure(0).getMessage()).startsWith("table at version 0 has no metaData action: ");
    }

    @Test
    void readerVersionAboveThreeIsUnsupported() throws Exception {
        TestLogs.commit(table, 0, "{\"protocol\":{\"minReaderVersion\":4,\"minWriterVersion\":7}}", METADATA);
        DeltaLogException e = failure(0);
        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(e.getMessage()).contains("reader version 4");
    }

    @Test
    void unknownReaderFeatureIsUnsupported() throws Exception {
        TestLogs.commit(table, 0, "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
                + "\"readerFeatures\":[\"deletionVectors\",\"blahabl\"],\"writerFeatures\":[]}}", METADATA);
        DeltaLogException e = failure(0);
        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(e.getMessage()).contains("blahabl");
    }

    @Test
    void catalogManagedIsRefusedClearly() throws Exception {
        TestLogs.commit(table, 0, "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
                + "\"readerFeatures\":[\"catalogOwned-preview\"],\"writerFeatures\":[\"catalogOwned-preview\"]}}", METADATA);
        DeltaLogException e = failure(0);
        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(e.getMessage()).contains("the files are not the whole truth: commits live in a catalog");
    }

    @Test
    void sharedCatalogManagedTableIgnoresStagedCommits() {
        try (DeltaLog log = DeltaLog.openLocal(SharedTables.table("catalog-owned-preview").toString())) {
            assertThat(log.listing().latestVersion()).isEqualTo(0); // _staged_commits/ is never history
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, log::latestSnapshot);
            assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
            assertThat(e.getMessage()).contains("catalogManaged").contains("commits live in a catalog");
        }
    }

    @Test
    void versionBeforeTheEarliestRebuildableIsTruncated() throws Exception {
        TestLogs.touch(table, "00000000000000000005.checkpoint.parquet");
        TestLogs.commit(table, 6, add("a", 1));
        DeltaLogException e = failure(4);
        assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(e.getMessage()).startsWith("log has been truncated: the earliest version that can be rebuilt is 5");
    }

    @Test
    void gapWithoutCheckpointFails() throws Exception {
        TestLogs.commit(table, 0, PROTOCOL, METADATA);
        TestLogs.commit(table, 2, add("a", 1));
        DeltaLogException e = failure(2);
        assertThat(e.kind()).isEqualTo(Kind.GAP);
        assertThat(e.getMessage()).startsWith("version 1 is missing: commits jump from 0 to 2");
    }

    @Test
    void versionBeyondTheLatestFails() throws Exception {
        TestLogs.commit(table, 0, PROTOCOL, METADATA);
        assertThat(failure(3).getMessage()).contains("latest version is 0");
    }

    @Test
    void aPathWithoutDeltaLogIsNotATable() throws Exception {
        Files.createDirectories(table.resolve("data"));
        DeltaLogException e = catchThrowableOfType(DeltaLogException.class,
                () -> DeltaLog.openLocal(table.resolve("data").toString()));
        assertThat(e.kind()).isEqualTo(Kind.NOT_A_TABLE);
        assertThat(e.getMessage()).contains("no _delta_log");
    }

    @Test
    void anEmptyDeltaLogIsNotATable() throws Exception {
        TestLogs.logDir(table);
        try (DeltaLog log = DeltaLog.openLocal(table.toString())) {
            assertThat(catchThrowableOfType(DeltaLogException.class, log::latestSnapshot).kind())
                    .isEqualTo(Kind.NOT_A_TABLE);
        }
    }
}
