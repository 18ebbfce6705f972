package io.deltasql.store.read;

import static io.deltasql.store.Actions.commitInfo;
import static io.deltasql.store.Actions.dv;
import static io.deltasql.store.Actions.metadata;
import static io.deltasql.store.Actions.protocol;
import static io.deltasql.store.Actions.remove;
import static io.deltasql.store.SharedTables.batch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.log.Origin;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.SqliteTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.schema.JsonColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.deltasql.store.Targets;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Live files read field by field: a common row's fields are its add's, a rare one is flagged and read whole, exactly. */
class LiveFileRowsIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":[]}";

    @TempDir
    Path dir;

    private static AddFile add(String path, Map<String, String> partitionValues, Long size, Map<String, String> tags,
                               boolean dv, Long baseRowId, String clustering, ObjectNode extra) {
        return new AddFile(path, partitionValues, size, 7L, true, "{\"numRecords\":1}", tags, dv ? dv(path) : null, baseRowId,
                null, clustering, extra);
    }

    @Test
    void commonRowsReadFieldByFieldRareOnesWhole() {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put("d", "2024-01-01");
        partition.put("q", "a \"quoted\" \\ value");
        partition.put("n", null);
        ObjectNode extra = JsonNodeFactory.instance.objectNode().put("futureField", 1);
        List<AddFile> common = List.of(add("a", Map.of("d", "x"), 1L, null, false, null, null, null),
                add("b", partition, 2L, null, false, null, null, null), add("c", null, 3L, null, false, null, null, null));
        List<AddFile> rare = List.of(add("t", Map.of(), 4L, Map.of("k", "v"), false, null, null, null),
                add("v", Map.of(), 5L, null, true, null, null, null), add("r", Map.of(), 6L, null, false, 10L, null, null),
                add("l", Map.of(), 7L, null, false, null, "liquid", null), add("e", Map.of(), 8L, null, false, null, null, extra),
                add("s", Map.of(), null, null, false, null, null, null));
        List<Action> v0 = new ArrayList<>(List.of(commitInfo(1000, "CREATE"), protocol(3, 7), metadata(SCHEMA)));
        v0.addAll(common);
        v0.addAll(rare);
        v0.add(add("gone", Map.of(), 9L, null, false, null, null, null));
        try (MetadataStore store = Stores.connect(new SqliteTarget(dir.resolve("lake.db"), "t"))) {
            RegisteredTable table = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(table)) {
                w.apply(batch(0, Origin.COMMIT, 1000, v0));
                w.apply(batch(1, Origin.COMMIT, 2000, List.of(commitInfo(2000, "DELETE"), remove("gone"))));
            }
            for (long version : new long[] {0, 1}) {
                Map<String, AddFile> read = new HashMap<>();
                Map<String, Boolean> flagged = new HashMap<>();
                store.queries().liveFileRows(table, version, true, row -> {
                    flagged.put(row.path(), row.rare());
                    read.put(row.path(), row.rare() ? row.add() : fields(row));
                });
                assertThat(read).as("version " + version).hasSize(version == 0 ? 10 : 9);
                for (AddFile a : common) {
                    assertThat(flagged.get(a.path())).as(a.path()).isFalse();
                    assertThat(read.get(a.path())).as(a.path()).isEqualTo(a);
                }
                for (AddFile a : rare) {
                    assertThat(flagged.get(a.path())).as(a.path()).isTrue();
                    assertThat(read.get(a.path())).as(a.path()).isEqualTo(a);
                }
            }
            store.queries().liveFileRows(table, 1, false, row -> assertThat(row.stats()).isNull());
        }
    }

    /**
     * A query parses each distinct partition-value text once and gives its entries to every row that
     * has it: many files per partition, a text with escapes, an empty map, no map, and more distinct
     * texts than it remembers — each row's entries are still its own add's, on both stores.
     */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void sharedPartitionTextsGiveEachRowItsOwnEntries(StoreKind kind) {
        Map<String, String> escaped = new LinkedHashMap<>();
        escaped.put("d", "2024-01-01");
        escaped.put("q", "a \"quoted\" \\ value");
        escaped.put("n", null);
        int distinct = ResultSetFileRow.PARTITIONS_REMEMBERED + 500;
        List<AddFile> adds = new ArrayList<>();
        for (int i = 0; i < 2 * distinct; i++) {
            Map<String, String> partition = switch (i % 7) {
                case 0 -> escaped;
                case 1 -> Map.of();
                case 2 -> null;
                case 3 -> Map.of("p", "hot");
                default -> Map.of("p", "v" + (i % distinct), "r", "x");
            };
            adds.add(add("f" + i, partition, (long) i, null, false, null, null, null));
        }
        List<Action> v0 = new ArrayList<>(List.of(commitInfo(1000, "CREATE"), protocol(1, 2), metadata(SCHEMA)));
        v0.addAll(adds);
        try (MetadataStore store = Stores.connect(Targets.of(STORES, kind, "rows", "t"))) {
            RegisteredTable table = store.register("t", "file:/t", false);
            try (VersionWriter w = store.writer(table)) {
                w.apply(batch(0, Origin.COMMIT, 1000, v0));
            }
            Map<String, List<Map.Entry<String, String>>> read = new HashMap<>();
            store.queries().liveFileRows(table, 0, true, row -> read.put(row.path(), entries(row)));
            assertThat(read).hasSize(adds.size());
            for (AddFile a : adds) {
                if (a.partitionValues() == null) {
                    assertThat(read.get(a.path())).as(a.path()).isNull();
                } else {
                    // each entry once, as a map vector gets them (jsonb may reorder the keys)
                    assertThat(read.get(a.path())).as(a.path()).containsExactlyInAnyOrderElementsOf(a.partitionValues().entrySet());
                }
            }
        }
    }

    /** The row's partition entries in the order given, as a map vector appends them; null when it has no map. */
    private static List<Map.Entry<String, String>> entries(LiveFileRow row) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        boolean present = row.partitionValues(new JsonColumns.Entries() {
            @Override
            public void entry(String key, String value) {
                entries.add(new java.util.AbstractMap.SimpleEntry<>(key, value));
            }

            @Override
            public void restart() {
                entries.clear();
            }
        });
        return present ? entries : null;
    }

    /** A common row as an add, from its fields alone. */
    private static AddFile fields(LiveFileRow row) {
        List<Map.Entry<String, String>> entries = entries(row);
        Map<String, String> partition = null;
        if (entries != null) {
            partition = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : entries) {
                partition.put(e.getKey(), e.getValue());
            }
        }
        return new AddFile(row.path(), partition, row.size(), row.modificationTime(), row.dataChange(),
                row.stats(), null, null, null, null, null, null);
    }
}
