package io.deltasql.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.cli.Cli;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.store.read.SnapshotStream;
import java.io.IOException;
import java.io.StringWriter;
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

    /** The streamed writer, fed the head and then each file, prints every expected file's bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedFiles")
    void streamingEveryExpectedFileGivesTheSameBytes(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        SnapshotDocument doc = Json.MAPPER.readValue(text, SnapshotDocument.class);
        assertThat(streamed(doc)).isEqualTo(text);
    }

    @Test
    void streamingADocumentWithoutProtocolMetadataOrFilesGivesWhatPrettyGives() {
        SnapshotDocument empty = SnapshotDocument.normalized(0, null, null, null, null, null, null, null, List.of());
        assertThat(streamed(empty)).isEqualTo(Json.pretty(empty));
        SnapshotDocument one = SnapshotDocument.normalized(4, 3, 7, List.of("deletionVectors"), List.of("b", "a"),
                "{\"type\":\"struct\"}", List.of("p"), Map.of("k", "v \"quoted\" ü"),
                List.of(new SnapshotDocument.File("p=1/ü x.parquet", 5, "u1"), new SnapshotDocument.File("a", 0, null)));
        assertThat(streamed(one)).isEqualTo(Json.pretty(one));
    }

    private static String streamed(SnapshotDocument doc) {
        StringWriter out = new StringWriter();
        SnapshotJsonWriter w = new SnapshotJsonWriter(out);
        Protocol p = doc.minReaderVersion() == null ? null
                : new Protocol(doc.minReaderVersion(), doc.minWriterVersion(), doc.readerFeatures(), doc.writerFeatures(), null);
        Metadata m = doc.schemaString() == null ? null : new Metadata(null, null, null, null, null, doc.schemaString(),
                doc.partitionColumns(), null, doc.configuration(), null);
        w.head(new SnapshotStream.Head(doc.version(), 0, p, m, doc.numFiles(), doc.totalSize()));
        for (SnapshotDocument.File f : doc.files()) {
            w.file(f.path(), f.size(), f.deletionVectorUniqueId());
        }
        w.finish();
        return out.toString();
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
