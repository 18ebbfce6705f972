package io.deltasql.log.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.log.SharedTables;
import io.deltasql.log.commit.CommitLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every NDJSON line of every shared table survives parse + toJson JSON-equivalently. */
class ActionRoundTripTest {

    private static List<Path> ndjsonFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String table : SharedTables.tableNames()) {
            Path log = SharedTables.table(table).resolve("_delta_log");
            if (!Files.isDirectory(log)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(log)) {
                walk.filter(p -> p.getFileName().toString().matches("\\d{20}\\..*json")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void everyLogLineRoundTrips() throws IOException {
        int lines = 0;
        for (Path file : ndjsonFiles()) {
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode original = ActionCodec.mapper().readTree(line);
                ObjectNode rebuilt = ActionCodec.mapper().createObjectNode();
                for (Action a : CommitLines.parse(line)) {
                    rebuilt.setAll(ActionCodec.toNode(a));
                    // and each action through its text form too
                    assertThat(jsonEquivalent(ActionCodec.mapper().readTree(ActionCodec.toJson(a)), ActionCodec.toNode(a)))
                            .as(file + " line " + lineNo + " as text").isTrue();
                }
                assertThat(jsonEquivalent(rebuilt, original)).as(file + " line " + lineNo + ": " + rebuilt).isTrue();
                if (original.size() == 1) {
                    assertThat(jsonEquivalent(ActionCodec.toNode(ActionCodec.parse(line)), original))
                            .as(file + " line " + lineNo).isTrue();
                }
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(1000);
    }

    /** Same tree; numbers compared by value (810 as int or long is the same JSON). */
    static boolean jsonEquivalent(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> {
            if (x.equals(y)) {
                return 0;
            }
            if (x.isNumber() && y.isNumber()) {
                return x.decimalValue().compareTo(y.decimalValue());
            }
            return 1;
        }, b);
    }

    @Test
    void jsonEquivalenceIsStrictAboutValues() throws IOException {
        var m = ActionCodec.mapper();
        assertThat(jsonEquivalent(m.readTree("{\"a\":1}"), m.readTree("{\"a\":1.0}"))).isTrue();
        assertThat(jsonEquivalent(m.readTree("{\"a\":1}"), m.readTree("{\"a\":2}"))).isFalse();
        assertThat(jsonEquivalent(m.readTree("{\"a\":null}"), m.readTree("{}"))).isFalse();
        assertThat(jsonEquivalent(m.readTree("{\"a\":\"1\"}"), m.readTree("{\"a\":1}"))).isFalse();
    }

    @Test
    void forwardCompatibilityTableKeepsUnknownActionsAndFields() throws IOException {
        Path log = SharedTables.table("transaction-log-schema-evolvability").resolve("_delta_log");
        List<String> unknownActions = new ArrayList<>();
        List<String> unknownAddFields = new ArrayList<>();
        try (Stream<Path> files = Files.list(log)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
                    .sorted()::iterator) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    for (Action a : CommitLines.parse(line)) {
                        if (a instanceof UnknownAction u) {
                            unknownActions.add(u.key());
                        } else if (a instanceof AddFile add && add.extra() != null) {
                            add.extra().fieldNames().forEachRemaining(unknownAddFields::add);
                        }
                    }
                }
            }
        }
        assertThat(unknownActions).containsExactly("some_new_action", "some_new_action_alongside_add_action",
                "some_new_action_alongside_add_action", "some_new_action_alongside_add_action");
        assertThat(unknownAddFields).containsExactly("some_new_column_in_add_action", "some_new_column_in_add_action");
    }
}
