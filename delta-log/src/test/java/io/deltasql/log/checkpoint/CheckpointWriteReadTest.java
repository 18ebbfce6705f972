package io.deltasql.log.checkpoint;

import static io.deltasql.log.checkpoint.CheckpointReaderSharedTablesTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.storage.LocalLogStorage;
import io.deltasql.synth.ClassicCheckpointWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic checkpoint writer and the checkpoint reader are driven by the same field tables:
 * every field of every action a classic checkpoint holds (nested deletion vector and format
 * included) survives a write and a read, but for what Delta on Spark leaves out of a checkpoint
 * (a remove's stats and tags; any extra).
 */
class CheckpointWriteReadTest {
    @TempDir
    Path dir;

    private static final List<String> ACTIONS = List.of(
            "{\"txn\":{\"appId\":\"app\",\"version\":7,\"lastUpdated\":1700000000000}}",
            "{\"add\":{\"path\":\"p=1/a.parquet\",\"partitionValues\":{\"p\":\"1\",\"q\":null},\"size\":10,"
                    + "\"modificationTime\":11,\"dataChange\":false,\"stats\":\"{\\\"numRecords\\\":3}\","
                    + "\"tags\":{\"t\":\"v\"},\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab\","
                    + "\"offset\":1,\"sizeInBytes\":36,\"cardinality\":2,\"maxRowIndex\":9},\"baseRowId\":4,"
                    + "\"defaultRowCommitVersion\":5,\"clusteringProvider\":\"liquid\"}}",
            "{\"remove\":{\"path\":\"b.parquet\",\"deletionTimestamp\":12,\"dataChange\":true,"
                    + "\"extendedFileMetadata\":true,\"partitionValues\":{},\"size\":13,\"deletionVector\":"
                    + "{\"storageType\":\"i\",\"pathOrInlineDv\":\"xyz\",\"sizeInBytes\":3,\"cardinality\":1},"
                    + "\"baseRowId\":6,\"defaultRowCommitVersion\":7}}",
            "{\"metaData\":{\"id\":\"t\",\"name\":\"n\",\"description\":\"d\",\"format\":{\"provider\":\"parquet\","
                    + "\"options\":{\"o\":\"1\"}},\"schemaString\":\"{}\",\"partitionColumns\":[\"p\"],"
                    + "\"configuration\":{\"delta.appendOnly\":\"true\"},\"createdTime\":14}}",
            "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],"
                    + "\"writerFeatures\":[\"deletionVectors\",\"domainMetadata\"]}}",
            "{\"domainMetadata\":{\"domain\":\"delta.rowTracking\",\"configuration\":\"{}\",\"removed\":false}}");

    @Test
    void everyFieldSurvivesAWriteAndARead() throws Exception {
        Path file = dir.resolve("00000000000000000003.checkpoint.parquet");
        try (ClassicCheckpointWriter w = new ClassicCheckpointWriter(file, 1 << 20)) {
            for (String line : ACTIONS) {
                w.write(ActionCodec.parse(line));
            }
            assertThat(w.rowCount()).isEqualTo(ACTIONS.size());
            assertThat(w.addCount()).isEqualTo(1);
        }
        List<Action> read = readAll(CheckpointReader.open(new LocalLogStorage(), dir.toString(),
                new CheckpointFiles(3, CheckpointKind.CLASSIC, List.of(LocalLogStorage.entry(file)))));
        assertThat(read.stream().map(ActionCodec::toJson).toList())
                .containsExactlyElementsOf(ACTIONS.stream().map(l -> ActionCodec.toJson(ActionCodec.parse(l))).toList());
    }

    @Test
    void whatSparkLeavesOutOfACheckpointIsLeftOut() throws Exception {
        Path file = dir.resolve("00000000000000000001.checkpoint.parquet");
        try (ClassicCheckpointWriter w = new ClassicCheckpointWriter(file, 1 << 20)) {
            w.write(ActionCodec.parse("{\"remove\":{\"path\":\"b\",\"stats\":\"{}\",\"tags\":{\"t\":\"v\"},\"future\":1}}"));
            assertThatThrownBy(() -> w.write(new CommitInfo(1L, null, "WRITE", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COMMIT_INFO");
        }
        List<Action> read = readAll(CheckpointReader.open(new LocalLogStorage(), dir.toString(),
                new CheckpointFiles(1, CheckpointKind.CLASSIC, List.of(LocalLogStorage.entry(file)))));
        assertThat(read).extracting(ActionCodec::toJson).containsExactly("{\"remove\":{\"path\":\"b\"}}");
        assertThat(ClassicCheckpointWriter.SCHEMA.getType("remove").asGroupType().containsField("stats")).isFalse();
        assertThat(ClassicCheckpointWriter.SCHEMA.getType("add").asGroupType().containsField("stats")).isTrue();
    }
}
