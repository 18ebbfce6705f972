package io.deltasql.log.checkpoint;

import static io.deltasql.log.checkpoint.CheckpointReaderSharedTablesTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.SharedTables;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.CheckpointMetadata;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Sidecar;
import io.deltasql.log.action.Txn;
import io.deltasql.log.action.UnknownAction;
import io.deltasql.log.storage.LocalLogStorage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field values of specific real checkpoints, one writer dialect per test. */
class CheckpointReaderFieldsTest {
    private static final LocalLogStorage STORAGE = new LocalLogStorage();

    private static List<Action> read(String table, long version) throws IOException {
        String log = SharedTables.root().resolve(table).resolve("_delta_log").toString();
        CheckpointData data = CheckpointReader.open(STORAGE, log, SharedCheckpoints.find(table, version));
        List<Action> actions = readAll(data);
        assertThat(actions).hasSize((int) data.actionCount());
        return actions;
    }

    private static <T extends Action> List<T> only(List<Action> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void databricksCheckpointWithDomainMetadataAndRowTracking() throws IOException {
        List<Action> actions = read("table-with-domain-metadata", 108);
        List<AddFile> adds = only(actions, AddFile.class);
        assertThat(adds).hasSize(109);
        assertThat(only(actions, DomainMetadata.class)).extracting(DomainMetadata::domain)
                .containsExactlyInAnyOrder("delta.clustering", "com.databricks.liquid", "delta.rowTracking");
        DomainMetadata rowTracking = only(actions, DomainMetadata.class).stream()
                .filter(d -> d.domain().equals("delta.rowTracking")).findFirst().orElseThrow();
        assertThat(rowTracking.configuration()).contains("\"rowIdHighWaterMark\":435");
        assertThat(rowTracking.removed()).isFalse();
        assertThat(only(actions, Protocol.class).get(0).writerFeatures()).contains("domainMetadata", "rowTracking");
        for (AddFile a : adds) {
            // Both stats forms are present: the JSON string typed, the struct kept losslessly in extra.
            assertThat(a.stats()).isNotNull();
            assertThat(a.baseRowId()).isNotNull();
            JsonNode statsParsed = a.extra().get("stats_parsed");
            JsonNode stats = ActionCodec.mapper().readTree(a.stats());
            assertThat(statsParsed.get("numRecords").asLong()).isEqualTo(stats.get("numRecords").asLong());
            assertThat(statsParsed.get("minValues").get("id").asLong()).isEqualTo(stats.get("minValues").get("id").asLong());
            assertThat(statsParsed.get("maxValues").get("name")).isEqualTo(stats.get("maxValues").get("name"));
        }
    }

    @Test
    void multiPartStructOnlyStatsAndParsedPartitionValues() throws IOException {
        CheckpointFiles cp = SharedCheckpoints.find("v1-multi-part-partitioned-struct-stats-only", 5);
        assertThat(cp.files()).hasSize(3);
        List<Action> actions = read("v1-multi-part-partitioned-struct-stats-only", 5);
        List<AddFile> adds = only(actions, AddFile.class);
        assertThat(adds).hasSize(5);
        AddFile first = adds.stream().filter(a -> a.path().startsWith("part=0/test%25file%25prefix-part-00000-dea8716a"))
                .findFirst().orElseThrow();
        assertThat(first.stats()).isNull();
        assertThat(first.partitionValues()).isEqualTo(Map.of("part", "0"));
        assertThat(first.extra().get("partitionValues_parsed").get("part").isInt()).isTrue();
        assertThat(first.extra().get("stats_parsed").toString()).isEqualTo(
                "{\"numRecords\":1,\"minValues\":{\"id\":3,\"value\":\"value_3\"},\"maxValues\":{\"id\":3,"
                        + "\"value\":\"value_3\"},\"nullCount\":{\"id\":0,\"value\":0},\"tightBounds\":true}");
        assertThat(first.tags()).containsEntry("OPTIMIZE_TARGET_SIZE", "268435456");
        Metadata m = only(actions, Metadata.class).get(0);
        assertThat(m.partitionColumns()).containsExactly("part");
        assertThat(m.configuration()).containsEntry("delta.checkpoint.writeStatsAsJson", "false")
                .containsEntry("delta.enableDeletionVectors", "true");
        assertThat(m.formatProvider()).isEqualTo("parquet");
        assertThat(m.formatOptions()).isEmpty();
        assertThat(only(actions, Protocol.class).get(0).readerFeatures()).containsExactly("deletionVectors");
    }

    @Test
    void delta010OldSchemaWithTxn() throws IOException {
        List<Action> actions = read("delta-0.1.0", 3);
        Txn txn = only(actions, Txn.class).get(0);
        assertThat(txn.appId()).isEqualTo("txnId");
        assertThat(txn.version()).isEqualTo(0L);
        assertThat(txn.lastUpdated()).isNull();
        Protocol p = only(actions, Protocol.class).get(0);
        assertThat(p.minReaderVersion()).isEqualTo(1);
        assertThat(p.minWriterVersion()).isEqualTo(1);
        assertThat(p.readerFeatures()).isNull();
        List<AddFile> adds = only(actions, AddFile.class);
        assertThat(adds).hasSize(3);
        assertThat(adds).allSatisfy(a -> {
            assertThat(a.partitionValues()).containsKey("id");
            assertThat(a.dataChange()).isTrue();
            assertThat(a.stats()).isNull();
            assertThat(a.extra()).isNull();
        });
        assertThat(only(actions, Metadata.class).get(0).createdTime()).isNull();
    }

    @Test
    void unknownTopLevelColumnIsKeptAsUnknownActions() throws IOException {
        List<Action> actions = read("transaction-log-schema-evolvability", 2);
        List<UnknownAction> unknown = only(actions, UnknownAction.class);
        assertThat(unknown).hasSize(6).allSatisfy(u -> {
            assertThat(u.key()).isEqualTo("unknown");
            assertThat(u.value().asBoolean()).isTrue();
        });
        List<AddFile> adds = only(actions, AddFile.class);
        assertThat(adds).hasSize(2);
        AddFile a = adds.stream().filter(x -> x.path().startsWith("part-00000-f654b1f4")).findFirst().orElseThrow();
        assertThat(a.extra().get("stats_parsed").toString()).isEqualTo(
                "{\"numRecords\":4,\"minValues\":{\"key\":1,\"value\":1},\"maxValues\":{\"key\":4,\"value\":4},"
                        + "\"nullCount\":{\"key\":0,\"value\":0}}");
        RemoveFile r = only(actions, RemoveFile.class).get(0);
        assertThat(r.extendedFileMetadata()).isTrue();
        assertThat(r.partitionValues()).isEmpty();
        assertThat(r.size()).isIn(793L, 801L);
        assertThat(r.deletionTimestamp()).isGreaterThan(1623255706000L);
    }

    @Test
    void deletionVectorsOnAddsAndRemoves() throws IOException {
        List<Action> actions = read("dv-partitioned-with-checkpoint", 10);
        AddFile add = only(actions, AddFile.class).stream()
                .filter(a -> a.path().equals("part=4/part-00000-69ec928d-3737-4eb3-a3d8-9555a6b55ff5.c000.snappy.parquet"))
                .findFirst().orElseThrow();
        assertThat(add.dvId()).isEqualTo("u+V9Oq([R6mTaoM.}Isa)@1");
        assertThat(add.deletionVector().sizeInBytes()).isEqualTo(36);
        assertThat(add.deletionVector().cardinality()).isEqualTo(2L);
        assertThat(add.deletionVector().maxRowIndex()).isNull();
        assertThat(add.extra().get("partitionValues_parsed").toString()).isEqualTo("{\"part\":4}");
        RemoveFile remove = only(actions, RemoveFile.class).stream()
                .filter(r -> r.path().equals(add.path()) && r.deletionVector() != null).findFirst().orElseThrow();
        assertThat(remove.dvId()).isEqualTo("uSZYoUv7OW&PVt[Vm4y.s@1");
        assertThat(remove.partitionValues()).isEqualTo(Map.of("part", "4"));
    }

    @Test
    void int96TimestampsInStructStatsRenderLikeTheJsonStats() throws IOException {
        List<Action> actions = read("checkpoint-v2-table", 6);
        List<AddFile> adds = only(actions, AddFile.class);
        assertThat(adds).hasSize(5);
        for (AddFile a : adds) {
            JsonNode stats = ActionCodec.mapper().readTree(a.stats());
            JsonNode parsed = a.extra().get("stats_parsed");
            assertThat(parsed.get("minValues").get("created_at").asText())
                    .isEqualTo(stats.get("minValues").get("created_at").asText());
        }
    }

    @Test
    void v2ContentUnderClassicNameResolvesItsSidecar() throws IOException {
        List<Action> actions = read("v2-classic-checkpoint-parquet", 1);
        assertThat(only(actions, CheckpointMetadata.class)).singleElement()
                .satisfies(c -> assertThat(c.version()).isEqualTo(1L));
        assertThat(only(actions, Sidecar.class)).singleElement()
                .satisfies(s -> assertThat(s.path()).endsWith(".parquet"));
        assertThat(only(actions, AddFile.class)).hasSize(4);
        // The top file's rows come first, then the sidecar's.
        assertThat(actions.get(actions.size() - 1)).isInstanceOf(AddFile.class);
    }

    @Test
    void v2ParquetAndJsonTopFilesGiveTheSameState() throws IOException {
        List<Action> json = read("v2-checkpoint-json", 2);
        List<Action> parquet = read("v2-checkpoint-parquet", 2);
        assertThat(only(json, Sidecar.class)).hasSize(2);
        assertThat(only(parquet, Sidecar.class)).hasSize(2);
        assertThat(only(json, AddFile.class)).hasSize(4);
        assertThat(only(parquet, AddFile.class)).hasSize(4);
        assertThat(only(parquet, Protocol.class).get(0).readerFeatures()).contains("v2Checkpoint");
    }

    @Test
    void txnInDeltaRsCheckpoint() throws IOException {
        List<Action> actions = read("app-txn-checkpoint", 1);
        assertThat(only(actions, Txn.class)).hasSize(2).allSatisfy(t -> assertThat(t.version()).isNotNull());
        assertThat(only(actions, AddFile.class)).hasSize(4)
                .allSatisfy(a -> assertThat(a.partitionValues()).containsKey("modified"));
    }
}
