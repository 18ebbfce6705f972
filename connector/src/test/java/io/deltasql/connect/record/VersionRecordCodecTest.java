package io.deltasql.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.Origin;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VersionRecordCodecTest {
    private static final String ADD = "{\"add\":{\"path\":\"p=1/part-0.parquet\",\"partitionValues\":{\"p\":\"1\"},"
            + "\"size\":123,\"modificationTime\":1700000000000,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":3}\","
            + "\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"offset\":4,"
            + "\"sizeInBytes\":40,\"cardinality\":6},\"futureField\":{\"x\":[1,2]}}}";

    private static VersionRecord record(String actionJson, long index, long count) {
        Action a = ActionCodec.parse(actionJson);
        return new VersionRecord("orders", "file:///lake/orders", 7, index, count, Origin.COMMIT, 1700000000123L,
                a.type().key() == null ? "some_new_action" : a.type().key(), ActionCodec.toJson(a));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ADD,
        "{\"remove\":{\"path\":\"x\",\"deletionTimestamp\":5,\"dataChange\":false}}",
        "{\"metaData\":{\"id\":\"i\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\"{}\","
                + "\"partitionColumns\":[],\"configuration\":{\"a\":\"b\"},\"createdTime\":1}}",
        "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],"
                + "\"writerFeatures\":[\"deletionVectors\"]}}",
        "{\"some_new_action\":{\"anything\":[1,{\"b\":null}]}}"
    })
    void structRoundTripKeepsTheActionJsonEquivalent(String json) throws Exception {
        VersionRecord r = record(json, 2, 5);
        Struct value = VersionRecordCodec.value(r);
        value.validate();
        VersionRecord back = VersionRecordCodec.decode(value);
        assertThat(back).isEqualTo(r);
        JsonNode original = ActionCodec.mapper().readTree(json);
        assertThat(ActionCodec.mapper().readTree(ActionCodec.toJson(ActionCodec.parse(back.action())))).isEqualTo(original);
    }

    @Test
    void survivesTheJsonConverterWithAndWithoutSchemas() {
        VersionRecord r = record(ADD, 4, 5);
        for (boolean schemas : new boolean[] {true, false}) {
            JsonConverter converter = new JsonConverter();
            converter.configure(Map.of("schemas.enable", String.valueOf(schemas), "converter.type", "value"));
            byte[] bytes = converter.fromConnectData("t", VersionRecordCodec.VALUE_SCHEMA, VersionRecordCodec.value(r));
            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"index\":4");
            SchemaAndValue read = converter.toConnectData("t", bytes);
            VersionRecord back = VersionRecordCodec.decode(read.value());
            assertThat(back).isEqualTo(r);
            assertThat(back.lastOfVersion()).isTrue();
        }
    }

    @Test
    void aSchemalessSinkAlsoReadsRecordsWrittenWithSchemas() {
        // The topic may hold both kinds while the converters are switched to schemaless (sink first).
        VersionRecord r = record(ADD, 4, 5);
        JsonConverter writer = new JsonConverter();
        writer.configure(Map.of("schemas.enable", "true", "converter.type", "value"));
        JsonConverter reader = new JsonConverter();
        reader.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
        byte[] enveloped = writer.fromConnectData("t", VersionRecordCodec.VALUE_SCHEMA, VersionRecordCodec.value(r));
        Object read = reader.toConnectData("t", enveloped).value();
        assertThat(read).isInstanceOf(Map.class);
        assertThat(new java.util.TreeSet<Object>(((Map<?, ?>) read).keySet())).containsExactly("payload", "schema");
        assertThat(VersionRecordCodec.decode(read)).isEqualTo(r);
    }

    @Test
    void keyNamesTableAndVersion() {
        Struct key = VersionRecordCodec.key(record(ADD, 0, 1));
        key.validate();
        assertThat(key.getString("table")).isEqualTo("orders");
        assertThat(key.getInt64("version")).isEqualTo(7L);
    }

    @Test
    void rejectsForeignValuesNamingTheField() {
        Map<String, Object> m = new HashMap<>();
        m.put("table", "t");
        m.put("location", "l");
        m.put("version", 1L);
        m.put("index", 0L);
        m.put("origin", "COMMIT");
        m.put("timestamp", 1L);
        m.put("type", "add");
        m.put("action", "{}");
        assertThatThrownBy(() -> VersionRecordCodec.decode(m)).isInstanceOf(DataException.class)
                .hasMessageContaining("'count' is missing");
        m.put("count", 1L);
        m.put("origin", "LOG");
        assertThatThrownBy(() -> VersionRecordCodec.decode(m)).hasMessageContaining("origin 'LOG'");
        m.put("origin", "COMMIT");
        m.put("index", 3L);
        assertThatThrownBy(() -> VersionRecordCodec.decode(m)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> VersionRecordCodec.decode("text")).hasMessageContaining("value.converter");
        assertThatThrownBy(() -> VersionRecordCodec.decode(null)).hasMessageContaining("tombstone");
    }
}
