package io.deltasql.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.connect.record.VersionRecord;
import io.deltasql.connect.record.VersionRecordCodec;
import io.deltasql.log.Origin;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/** The source's estimate of a record's size against what JsonConverter really writes, and the limit it checks. */
class RecordSizeLimitTest {

    /** A Delta schemaString of {@code columns} string columns, about 66 bytes each. */
    static String wideSchema(int columns, String extra) {
        StringBuilder schema = new StringBuilder("{\"type\":\"struct\",\"fields\":[");
        for (int i = 0; i < columns; i++) {
            schema.append(i == 0 ? "" : ",").append("{\"name\":\"col_").append(i)
                    .append(extra).append("\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}");
        }
        return schema.append("]}").toString();
    }

    /** A metaData action (one log line) carrying {@code schema}. */
    static String metadataAction(String schema) {
        String escaped = schema.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"metaData\":{\"id\":\"m\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\""
                + escaped + "\",\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1}}";
    }

    private static VersionRecord record(String action) {
        return new VersionRecord("wide_table", "s3a://lake/some/where/wide_table", 1234, 0, 3, Origin.COMMIT,
                1_700_000_000_000L, "metaData", action);
    }

    private static long jsonConverterBytes(VersionRecord r) {
        JsonConverter key = new JsonConverter();
        key.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter value = new JsonConverter();
        value.configure(Map.of("schemas.enable", "true"), false);
        return key.fromConnectData("t", VersionRecordCodec.KEY_SCHEMA, VersionRecordCodec.key(r)).length
                + value.fromConnectData("t", VersionRecordCodec.VALUE_SCHEMA, VersionRecordCodec.value(r)).length;
    }

    @Test
    void estimateIsAnUpperBoundOfJsonConverterWithinTheEnvelopeOverhead() {
        RecordSizeLimit limit = RecordSizeLimit.from(Map.of());
        for (String action : new String[] {
            "{\"add\":{\"path\":\"a\",\"size\":1,\"modificationTime\":1,\"dataChange\":true}}",
            metadataAction(wideSchema(15_000, "")),
            // non-ASCII, a character beyond the BMP, a backslash, control characters
            metadataAction(wideSchema(2_000, " é ✓ 𝄞 \\\\ \u0001 tab\t")),
        }) {
            VersionRecord r = record(action);
            long actual = jsonConverterBytes(r);
            long estimate = limit.estimate(r);
            assertThat(estimate).as("estimate vs JsonConverter for %d action chars", action.length())
                    .isGreaterThanOrEqualTo(actual + 100) // + the producer's record and batch headers
                    .isLessThan(actual + RecordSizeLimit.OVERHEAD);
        }
        // What the docs say about a ~1 MB schemaString: ~1.2 MB as an action (quotes escaped once), ~1.5 MB as
        // a JsonConverter record (escaped twice).
        String schema = wideSchema(15_000, "");
        assertThat(schema.length()).isBetween(950_000, 1_050_000);
        assertThat(metadataAction(schema).length()).isBetween(1_100_000, 1_250_000);
        assertThat(jsonConverterBytes(record(metadataAction(schema)))).isBetween(1_450_000L, 1_600_000L);
    }

    @Test
    void limitIsTheConnectorsProducerOverrideLoweredToTheTopicsSetting() {
        assertThat(RecordSizeLimit.from(Map.of()).maxBytes()).isEqualTo(1_048_576);
        assertThat(RecordSizeLimit.from(Map.of("producer.override.max.request.size", "8388608")).maxBytes())
                .isEqualTo(8_388_608);
        assertThat(RecordSizeLimit.from(Map.of("producer.override.max.request.size", "8388608",
                "topic.creation.default.max.message.bytes", "2097152")).maxBytes()).isEqualTo(2_097_152);
        assertThat(RecordSizeLimit.from(Map.of("producer.override.max.request.size", "not a number")).maxBytes())
                .isEqualTo(1_048_576);
    }

    @Test
    void aTooLargeActionIsOneLineNamingTableVersionSizeAndSetting() {
        VersionRecord big = record(metadataAction(wideSchema(15_000, "")));
        assertThatThrownBy(() -> RecordSizeLimit.from(Map.of()).check(big)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("table wide_table: action 0 (metaData) of version 1234 is about")
                .hasMessageContaining("over the 1048576 bytes allowed by producer.override.max.request.size")
                .hasMessageContaining("topic.creation.default.max.message.bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        RecordSizeLimit.from(Map.of("producer.override.max.request.size", "4194304")).check(big); // fits
    }
}
