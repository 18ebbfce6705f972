package io.deltasql.log.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import org.junit.jupiter.api.Test;

/** The protocol's reconciliation rule as one accumulator: every whole-log reader applies it. */
class ReplayStateTest {
    private static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";
    private static final String METADATA = "{\"metaData\":{\"id\":\"t\",\"format\":{\"provider\":\"parquet\","
            + "\"options\":{}},\"schemaString\":\"{}\",\"partitionColumns\":[],\"configuration\":{}}}";

    private static ReplayState replay(ReplayState.Detail detail, String... lines) {
        ReplayState state = new ReplayState(detail);
        for (String line : lines) {
            state.apply(ActionCodec.parse(line));
        }
        return state;
    }

    private static String add(String path, long size) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{\"p\":\"1\"},\"size\":" + size
                + ",\"modificationTime\":1,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":3}\"}}";
    }

    private static String remove(String path) {
        return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":2,\"dataChange\":true}}";
    }

    @Test
    void bothPathFormsOfALocalFileAreOneFileInEitherOrder() {
        for (ReplayState.Detail detail : ReplayState.Detail.values()) {
            ReplayState addPlain = replay(detail, PROTOCOL, METADATA, add("/t/a.parquet", 10),
                    remove("file:/t/a.parquet"));
            ReplayState addUri = replay(detail, PROTOCOL, METADATA, add("file:///t/a.parquet", 10),
                    remove("/t/a.parquet"));
            assertThat(addPlain.fileCount()).as(detail.name()).isZero();
            assertThat(addUri.fileCount()).as(detail.name()).isZero();
            ReplayState twice = replay(detail, add("file:/t/b.parquet", 5), add("/t/b.parquet", 7));
            assertThat(twice.liveFiles()).as(detail.name()).containsOnlyKeys(new FileKey("/t/b.parquet", ""));
            assertThat(twice.totalSize()).as("the later add wins").isEqualTo(7);
        }
    }

    @Test
    void aRemoveLeavesATombstoneUntilTheFileIsAddedAgain() {
        ReplayState state = replay(ReplayState.Detail.FULL, PROTOCOL, METADATA, add("a", 1), add("b", 2), remove("a"));
        Snapshot s = state.toSnapshot(3, 99);
        assertThat(s.files()).extracting(AddFile::path).containsExactly("b");
        assertThat(s.tombstones()).hasSize(1);
        state.apply(ActionCodec.parse(add("a", 4)));
        s = state.toSnapshot(4, 100);
        assertThat(s.files()).extracting(AddFile::path).containsExactly("a", "b");
        assertThat(s.tombstones()).isEmpty();
        assertThat(s.totalSize()).isEqualTo(6);
    }

    @Test
    void aDeletionVectorMakesAnotherLogicalFile() {
        String withDv = "{\"add\":{\"path\":\"a\",\"size\":1,\"deletionVector\":{\"storageType\":\"u\","
                + "\"pathOrInlineDv\":\"x\",\"offset\":1,\"sizeInBytes\":2,\"cardinality\":1}}}";
        ReplayState state = replay(ReplayState.Detail.FULL, add("a", 1), withDv, remove("a"));
        assertThat(state.liveFiles()).containsOnlyKeys(new FileKey("a", "ux@1"));
        assertThat(state.liveFiles().keySet().iterator().next()).hasToString("a [dv ux@1]");
    }

    @Test
    void latestProtocolMetadataTxnAndDomainWinAndResetForgetsAll() {
        ReplayState state = replay(ReplayState.Detail.FULL, PROTOCOL, METADATA,
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[],\"writerFeatures\":[]}}",
                "{\"txn\":{\"appId\":\"q\",\"version\":1}}", "{\"txn\":{\"appId\":\"q\",\"version\":2}}",
                "{\"domainMetadata\":{\"domain\":\"d\",\"configuration\":\"{}\",\"removed\":false}}",
                "{\"domainMetadata\":{\"domain\":\"e\",\"configuration\":\"{}\",\"removed\":false}}",
                "{\"domainMetadata\":{\"domain\":\"e\",\"configuration\":\"{}\",\"removed\":true}}",
                "{\"commitInfo\":{\"timestamp\":5}}", add("a", 1));
        Snapshot s = state.toSnapshot(7, 5);
        assertThat(s.protocol().minReaderVersion()).isEqualTo(3);
        assertThat(s.txns().get("q").version()).isEqualTo(2);
        assertThat(s.domains()).containsOnlyKeys("d");
        state.reset();
        assertThat(state.protocol()).isNull();
        assertThat(state.metadata()).isNull();
        assertThat(state.fileCount()).isZero();
        assertThatThrownBy(() -> state.toSnapshot(7, 5)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void filesAndSizesKeepsOnlyWhatAFileCheckNeeds() {
        ReplayState state = replay(ReplayState.Detail.FILES_AND_SIZES, PROTOCOL, METADATA, add("a", 10), add("b", 20));
        assertThat(state.totalSize()).isEqualTo(30);
        AddFile a = state.liveFiles().get(FileKey.of("a", ""));
        assertThat(a.size()).isEqualTo(10);
        assertThat(a.stats()).isNull();
        assertThat(a.partitionValues()).isNull();
        assertThat(state.metadata().id()).isEqualTo("t");
        assertThatThrownBy(() -> state.toSnapshot(1, 1)).isInstanceOf(IllegalStateException.class);
    }
}
