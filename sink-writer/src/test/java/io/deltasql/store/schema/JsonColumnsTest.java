package io.deltasql.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Partition values and other string maps come back from their JSON text as written, in order, nulls kept. */
class JsonColumnsTest {
    @Test
    void aFlatMapOfStringsAndNullsKeepsItsOrder() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("b", "x \"quoted\" \u00e9");
        expected.put("a", null);
        expected.put("c", "");
        Map<String, String> back = JsonColumns.stringMap(JsonColumns.write(expected));
        assertThat(back).containsExactlyEntriesOf(expected);
        assertThat(JsonColumns.stringMap("{}")).isEmpty();
        assertThat(JsonColumns.stringMap(null)).isNull();
    }

    /** The parser-free fast path reads exactly what the JSON parser reads, and leaves everything else to it. */
    @Test
    void plainTextReadsAsTheParserReadsIt() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String json : new String[] {"{}", " { } ", "{\"a\":\"1\"}", "{\"a\": \"1\", \"b\": null}",
                "{\n\t\"p\" : \"2024-01-01 00:00:00\" ,\"q\":\"\"}", "{\"a\":\"x\",\"a\":\"y\"}", "{\"é\":\"ü ✓\"}"}) {
            Map<String, String> plain = JsonColumns.plainStringMap(json);
            assertThat(plain).as(json).isNotNull();
            assertThat(plain).as(json).containsExactlyEntriesOf(mapper.readValue(json,
                    new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, String>>() { }));
        }
        for (String json : new String[] {"{\"a\":\"x\\\"y\"}", "{\"a\":1}", "{\"a\":\"1\"", "{\"a\":\"1\"}x", "{\"a\":nul}",
                "{\"a\":nullx}", "[]", "{\"a\" \"1\"}", "{\"a\":\"1\",}", "{\"a\":\"\u0001\"}", ""}) {
            assertThat(JsonColumns.plainStringMap(json)).as(json).isNull();
        }
        assertThat(JsonColumns.stringMap("{\"a\":\"x\\\"y\"}")).containsEntry("a", "x\"y");
    }

    @Test
    void anythingElseTakesTheGeneralWay() {
        assertThat(JsonColumns.stringMap("{\"n\": 1}")).containsEntry("n", "1");
        assertThatThrownBy(() -> JsonColumns.stringMap("{\"n\": ")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored JSON is not valid");
    }

    /** Entries into a map vector: plain text straight in; anything else restarts and takes the parser, with the same result. */
    @Test
    void entriesGoStraightInOrRestartThroughTheParser() {
        for (String json : new String[] {"{}", "{\"a\": \"1\", \"b\": null}", "{\"a\":\"x\\\"y\",\"b\":\"\\u00e9\"}",
                "{\"a\":\"1\",\"n\":2,\"t\":true}", "{\"z\":\"1\",\"a\":1.5}"}) {
            List<String> got = new ArrayList<>();
            int[] restarts = {0};
            JsonColumns.entries(json, new JsonColumns.Entries() {
                @Override
                public void entry(String key, String value) {
                    got.add(key + "=" + value);
                }

                @Override
                public void restart() {
                    restarts[0]++;
                    got.clear();
                }
            });
            List<String> expected = new ArrayList<>();
            JsonColumns.stringMap(json).forEach((k, v) -> expected.add(k + "=" + v));
            assertThat(got).as(json).containsExactlyElementsOf(expected);
            assertThat(restarts[0]).as(json).isEqualTo(JsonColumns.plainStringMap(json) == null ? 1 : 0);
        }
        List<String> got = new ArrayList<>();
        assertThat(JsonColumns.plainEntries("{\"a\":\"1\",\"b\":2}", (k, v) -> got.add(k))).isFalse();
        assertThat(got).as("entries before the unusual value were given").containsExactly("a");
    }
}
