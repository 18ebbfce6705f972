package io.deltasql.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
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

    @Test
    void anythingElseTakesTheGeneralWay() {
        assertThat(JsonColumns.stringMap("{\"n\": 1}")).containsEntry("n", "1");
        assertThatThrownBy(() -> JsonColumns.stringMap("{\"n\": ")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored JSON is not valid");
    }
}
