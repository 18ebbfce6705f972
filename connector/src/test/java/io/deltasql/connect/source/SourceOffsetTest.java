package io.deltasql.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.log.Origin;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class SourceOffsetTest {

    @Test
    void roundTripsThroughTheStoredMap() {
        SourceOffset o = new SourceOffset(12, 3, false, Origin.CHECKPOINT);
        Map<String, Object> m = o.toMap();
        assertThat(m).containsEntry("protocol", 1).containsEntry("version", 12L).containsEntry("complete", false);
        assertThat(SourceOffset.parse(m)).isEqualTo(o);
        assertThat(o.resumeVersion()).isEqualTo(12);
        assertThat(o.actionsToSkip()).isEqualTo(4);
    }

    @Test
    void completeOffsetsResumeAtTheNextVersion() {
        SourceOffset done = SourceOffset.parse(Map.of("protocol", 1, "version", 5, "index", 9, "complete", true));
        assertThat(done.resumeVersion()).isEqualTo(6);
        assertThat(done.actionsToSkip()).isZero();
    }

    @Test
    void handWrittenOffsetsHaveUsefulDefaults() {
        // JSON numbers arrive as Integer or Long; a user may leave out protocol/index/complete.
        assertThat(SourceOffset.parse(Map.of("version", 5)).resumeVersion()).isEqualTo(6);
        SourceOffset start = SourceOffset.parse(Map.of("version", 5, "index", -1));
        assertThat(start.resumeVersion()).isEqualTo(5);
        assertThat(start.actionsToSkip()).isZero();
    }

    @Test
    void rejectsMalformedOffsetsSayingWhatIsExpected() {
        assertThatThrownBy(() -> SourceOffset.parse(Map.of("index", 1))).hasMessageContaining("no 'version'");
        assertThatThrownBy(() -> SourceOffset.parse(Map.of("version", "abc"))).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> SourceOffset.parse(Map.of("version", -2))).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> SourceOffset.parse(Map.of("version", 1, "protocol", 2))).hasMessageContaining("protocol 2");
        assertThatThrownBy(() -> SourceOffset.parse(Map.of("version", 1, "position", 2))).hasMessageContaining("unknown offset field 'position'");
        assertThatThrownBy(() -> SourceOffset.parse(Map.of("version", 1, "complete", "yes"))).hasMessageContaining("true or false");
        assertThatThrownBy(() -> SourceOffset.parse(Map.of("version", 1.5))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> SourceOffset.parsePartition(Map.of("path", "x"))).hasMessageContaining("{\"table\"");
    }

    @Test
    void alterOffsetsAcceptsWellFormedAndResetsAndRejectsTheRest() {
        DeltaLogSourceConnector connector = new DeltaLogSourceConnector();
        Map<String, String> config = Map.of("name", "src", "delta.tables", "a=file:///x/a,b=file:///x/b");
        Map<Map<String, ?>, Map<String, ?>> good = new LinkedHashMap<>();
        good.put(Map.of("table", "file:///x/a"), Map.of("protocol", 1, "version", 3, "index", 0, "complete", false));
        good.put(Map.of("table", "file:///x/b"), null); // reset
        assertThat(connector.alterOffsets(config, good)).isTrue();

        Map<Map<String, ?>, Map<String, ?>> unknownTable = new HashMap<>();
        unknownTable.put(Map.of("table", "file:///x/c"), Map.of("version", 3));
        assertThatThrownBy(() -> connector.alterOffsets(config, unknownTable)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'file:///x/c' is not one of the tables");

        Map<Map<String, ?>, Map<String, ?>> badOffset = new HashMap<>();
        badOffset.put(Map.of("table", "file:///x/a"), Map.of("versoin", 3));
        assertThatThrownBy(() -> connector.alterOffsets(config, badOffset)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("unknown offset field 'versoin'");

        Map<Map<String, ?>, Map<String, ?>> badPartition = new HashMap<>();
        badPartition.put(Map.of("file", "file:///x/a"), Map.of("version", 3));
        assertThatThrownBy(() -> connector.alterOffsets(config, badPartition)).hasMessageContaining("source partition must be");
    }
}
