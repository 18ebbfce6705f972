package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.action.AddFile;
import io.deltasql.store.read.SqlSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Asserts that a snapshot read back from SQL equals the oracle's expected/&lt;name&gt;.json. */
public final class ExpectedSnapshots {
    private ExpectedSnapshots() {
    }

    public static void assertMatches(String what, JsonNode expected, SqlSnapshot s) {
        assertThat(s.version()).as(what + " version").isEqualTo(expected.get("version").asLong());
        assertThat(s.numFiles()).as(what + " numFiles").isEqualTo(expected.get("numFiles").asLong());
        assertThat(s.totalSize()).as(what + " totalSize").isEqualTo(expected.get("totalSize").asLong());
        assertThat(s.protocol().minReaderVersion()).as(what + " minReaderVersion").isEqualTo(expected.get("minReaderVersion").asInt());
        assertThat(s.protocol().minWriterVersion()).as(what + " minWriterVersion").isEqualTo(expected.get("minWriterVersion").asInt());
        assertThat(sorted(s.protocol().readerFeatures())).as(what + " readerFeatures").isEqualTo(strings(expected.get("readerFeatures")));
        assertThat(sorted(s.protocol().writerFeatures())).as(what + " writerFeatures").isEqualTo(strings(expected.get("writerFeatures")));
        assertThat(s.metadata().schemaString()).as(what + " schemaString").isEqualTo(expected.get("schemaString").asText());
        assertThat(s.metadata().partitionColumns() == null ? List.of() : s.metadata().partitionColumns())
                .as(what + " partitionColumns").isEqualTo(strings(expected.get("partitionColumns")));
        Map<String, String> conf = new TreeMap<>();
        expected.get("configuration").fields().forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        assertThat(s.metadata().configuration() == null ? Map.of() : new TreeMap<>(s.metadata().configuration()))
                .as(what + " configuration").isEqualTo(conf);
        List<String> want = new ArrayList<>();
        for (JsonNode f : expected.get("files")) {
            want.add(f.get("path").asText() + "|" + (f.has("deletionVectorUniqueId") ? f.get("deletionVectorUniqueId").asText() : "")
                    + "|" + f.get("size").asLong());
        }
        List<String> got = new ArrayList<>();
        for (AddFile f : s.files()) {
            got.add(f.path() + "|" + f.dvId() + "|" + f.size());
        }
        assertThat(got).as(what + " files").containsExactlyInAnyOrderElementsOf(want);
    }

    private static List<String> sorted(List<String> l) {
        return l == null ? List.of() : l.stream().sorted().toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
