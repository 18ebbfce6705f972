package io.deltasql.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The snapshot JSON is byte-identical to the oracle's files: same keys, order, sorting and layout. */
class SnapshotJsonTest {

    static Stream<Path> expectedFiles() throws IOException {
        return Files.list(Cli.sharedTables().resolve("expected"))
                .filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".error.json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedFiles")
    void rewritingEveryExpectedFileGivesTheSameBytes(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        SnapshotDocument doc = Json.MAPPER.readValue(text, SnapshotDocument.class);
        SnapshotDocument renormalized = SnapshotDocument.normalized(doc.version(), doc.minReaderVersion(),
                doc.minWriterVersion(), doc.readerFeatures(), doc.writerFeatures(), doc.schemaString(),
                doc.partitionColumns(), doc.configuration(), List.copyOf(doc.files()));
        assertThat(Json.pretty(renormalized)).isEqualTo(text);
    }

    @Test
    void normalizationSortsFilesByPathThenDvAndFeaturesAndKeys() {
        SnapshotDocument d = SnapshotDocument.normalized(3, 3, 7, List.of("z", "a"), null, "{}", null,
                Map.of("b", "2", "a", "1"), List.of(
                        new SnapshotDocument.File("b", 2, ""),
                        new SnapshotDocument.File("a", 1, "u2"),
                        new SnapshotDocument.File("a", 5, null),
                        new SnapshotDocument.File("a", 1, "u1")));
        assertThat(d.files()).extracting(SnapshotDocument.File::path, SnapshotDocument.File::deletionVectorUniqueId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", null), org.assertj.core.groups.Tuple.tuple("a", "u1"),
                        org.assertj.core.groups.Tuple.tuple("a", "u2"), org.assertj.core.groups.Tuple.tuple("b", null));
        assertThat(d.readerFeatures()).containsExactly("a", "z");
        assertThat(d.writerFeatures()).isEmpty();
        assertThat(d.configuration().keySet()).containsExactly("a", "b");
        assertThat(d.numFiles()).isEqualTo(4);
        assertThat(d.totalSize()).isEqualTo(9);
        assertThat(Json.pretty(d)).contains("\"writerFeatures\" : [ ]").contains("\"partitionColumns\" : [ ]")
                .doesNotContain("\"deletionVectorUniqueId\" : null");
    }
}
