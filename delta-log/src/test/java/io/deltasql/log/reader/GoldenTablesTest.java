package io.deltasql.log.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.replay.LiveFileSizes;
import io.deltasql.log.replay.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every table of the shared folder against what Delta Kernel (the oracle) says it holds. A table
 * added to the folder is picked up without a code change: each {@code expected/<name>[@vN].json}
 * is a snapshot to match, each {@code .error.json} a table or version that must be refused.
 */
class GoldenTablesTest {
    private static final Pattern EXPECTED = Pattern.compile("(.+?)(?:@v(\\d+))?(\\.error)?\\.json");

    /**
     * Where deltasql legitimately reads more than Kernel, with what it reads instead
     * (version, number of files). See docs in the README of the shared tables:
     * <ul>
     * <li>table-with-domain-metadata: only {@code 108.checkpoint.parquet} exists; Kernel insists on
     *     {@code 108.json}, but the checkpoint alone is the complete state at 108 (109 files).</li>
     * <li>canonicalized-paths-special-a: Kernel refuses a metaData without schemaString; deltasql
     *     moves metadata, not data, so it reads the log and, with canonical path matching
     *     ({@code file:/x} = {@code /x}), ends with 0 files as Delta Spark does.</li>
     * </ul>
     */
    private static final Map<String, long[]> LEGITIMATE_READS = Map.of(
            "table-with-domain-metadata", new long[] {108, 109},
            "canonicalized-paths-special-a", new long[] {1, 0});

    /** Every table (or table@version) the oracle refuses and deltasql refuses too, with the kind of refusal. */
    private static final Map<String, DeltaLogException.Kind> REFUSALS = Map.of(
            "catalog-owned-preview", DeltaLogException.Kind.UNSUPPORTED, // catalog-managed: commits live in a catalog
            "checkpoints-vacuumed@v4", DeltaLogException.Kind.TRUNCATED,
            "deltalog-invalid-protocol-version", DeltaLogException.Kind.UNSUPPORTED, // reader version 99
            "deltalog-state-reconstruction-from-checkpoint-missing-metadata", DeltaLogException.Kind.INCOMPLETE_STATE,
            "deltalog-state-reconstruction-without-protocol", DeltaLogException.Kind.INCOMPLETE_STATE,
            "err-missing-commit-after-checkpoint", DeltaLogException.Kind.GAP,
            "simple-table-features", DeltaLogException.Kind.UNSUPPORTED, // reader version 5
            "versions-not-contiguous", DeltaLogException.Kind.GAP);

    static Stream<Arguments> cases() throws IOException {
        Map<String, List<Path>> byTable = new TreeMap<>();
        for (String t : SharedTables.tableNames()) {
            byTable.put(t, new ArrayList<>());
        }
        try (Stream<Path> files = Files.list(SharedTables.expectedDir())) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                Matcher m = EXPECTED.matcher(f.getFileName().toString());
                if (m.matches() && byTable.containsKey(m.group(1))) {
                    byTable.get(m.group(1)).add(f);
                }
            }
        }
        List<Arguments> cases = new ArrayList<>();
        byTable.forEach((table, expected) -> {
            if (expected.isEmpty()) {
                cases.add(Arguments.of(table + " (no expected file: must read)", table, null));
            }
            for (Path e : expected) {
                cases.add(Arguments.of(e.getFileName().toString(), table, e));
            }
        });
        assertThat(cases).hasSizeGreaterThanOrEqualTo(51);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheOracle(String caseName, String table, Path expectedFile) throws IOException {
        try (DeltaLog log = DeltaLog.openLocal(SharedTables.table(table).toString())) {
            if (expectedFile == null) {
                assertThat(log.latestSnapshot().version()).isGreaterThanOrEqualTo(0);
                return;
            }
            Matcher m = EXPECTED.matcher(expectedFile.getFileName().toString());
            assertThat(m.matches()).isTrue();
            Long version = m.group(2) == null ? null : Long.parseLong(m.group(2));
            boolean error = m.group(3) != null;
            JsonNode expected = io.deltasql.log.action.ActionCodec.mapper().readTree(expectedFile.toFile());

            String caseKey = table + (version == null ? "" : "@v" + version);
            if (LEGITIMATE_READS.containsKey(caseKey)) {
                long[] what = LEGITIMATE_READS.get(caseKey);
                Snapshot s = snapshot(log, version);
                assertThat(s.version()).isEqualTo(what[0]);
                assertThat(s.numFiles()).isEqualTo(what[1]);
                return;
            }
            if (error) {
                DeltaLogException.Kind kind = REFUSALS.get(caseKey);
                assertThat(kind).as("the oracle refuses " + caseKey + " (" + expected.path("error").path("message")
                        .asText() + "): name the kind of refusal in REFUSALS, or the read in LEGITIMATE_READS").isNotNull();
                Throwable thrown = catchThrowable(() -> snapshot(log, version));
                assertThat(thrown).as("Kernel refused it: " + expected.path("error").path("message").asText())
                        .isInstanceOf(DeltaLogException.class);
                DeltaLogException e = (DeltaLogException) thrown;
                assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
                assertThat(e.getMessage()).doesNotContain("\n").isNotBlank();
                if (version != null) {
                    Throwable slim = catchThrowable(() -> log.replay(version, new LiveFileSizes()));
                    assertThat(slim).as("the slim replay refuses as snapshot does").isInstanceOf(DeltaLogException.class);
                    assertThat(((DeltaLogException) slim).kind()).isEqualTo(kind);
                }
                return;
            }
            Snapshot s = snapshot(log, version);
            assertMatches(s, expected);
            assertSameFiles(log.replay(s.version(), new LiveFileSizes()), s);
        }
    }

    /** The validation's slim replay holds what the full one does of the files, protocol and metadata. */
    private static void assertSameFiles(LiveFileSizes slim, Snapshot full) {
        assertThat(slim.protocol()).isEqualTo(full.protocol());
        assertThat(slim.metadata()).isEqualTo(full.metadata());
        assertThat((long) slim.count()).isEqualTo(full.numFiles());
        assertThat(slim.totalSize()).isEqualTo(full.totalSize());
        for (AddFile f : full.files()) {
            assertThat(slim.sizeOf(LiveFileSizes.fingerprint(f.path(), f.dvId()))).as(f.path())
                    .isEqualTo(f.size() == null ? 0 : f.size());
        }
    }

    private static Snapshot snapshot(DeltaLog log, Long version) {
        return version == null ? log.latestSnapshot() : log.snapshot(version);
    }

    /** REFUSALS and LEGITIMATE_READS name exactly the oracle's refusals: none forgotten, none stale. */
    @Test
    void everyRefusalOfTheOracleIsNamed() throws IOException {
        Set<String> refused = new TreeSet<>();
        try (Stream<Path> files = Files.list(SharedTables.expectedDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = EXPECTED.matcher(f.getFileName().toString());
                if (m.matches() && m.group(3) != null) {
                    refused.add(m.group(1) + (m.group(2) == null ? "" : "@v" + m.group(2)));
                }
            }
        }
        Set<String> named = new TreeSet<>(REFUSALS.keySet());
        named.addAll(LEGITIMATE_READS.keySet());
        assertThat(refused).isEqualTo(named);
    }

    static void assertMatches(Snapshot s, JsonNode expected) {
        Protocol p = s.protocol();
        Metadata md = s.metadata();
        assertThat(s.version()).as("version").isEqualTo(expected.path("version").asLong());
        assertThat(p.minReaderVersion()).as("minReaderVersion").isEqualTo(expected.path("minReaderVersion").asInt());
        assertThat(p.minWriterVersion()).as("minWriterVersion").isEqualTo(expected.path("minWriterVersion").asInt());
        assertThat(sorted(p.readerFeatures())).as("readerFeatures").isEqualTo(texts(expected.path("readerFeatures")));
        assertThat(sorted(p.writerFeatures())).as("writerFeatures").isEqualTo(texts(expected.path("writerFeatures")));
        assertThat(md.schemaString()).as("schemaString").isEqualTo(expected.path("schemaString").asText());
        assertThat(md.partitionColumns() == null ? List.of() : md.partitionColumns()).as("partitionColumns")
                .isEqualTo(inOrder(expected.path("partitionColumns")));
        Map<String, String> config = new TreeMap<>();
        expected.path("configuration").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        assertThat(md.configuration() == null ? Map.of() : md.configuration()).as("configuration").isEqualTo(config);
        assertThat(s.numFiles()).as("numFiles").isEqualTo(expected.path("numFiles").asLong());
        assertThat(s.totalSize()).as("totalSize").isEqualTo(expected.path("totalSize").asLong());
        TreeSet<String> files = new TreeSet<>();
        for (AddFile f : s.files()) {
            files.add(f.path() + " | " + f.dvId());
        }
        TreeSet<String> expectedFiles = new TreeSet<>();
        for (JsonNode f : expected.path("files")) {
            expectedFiles.add(f.path("path").asText() + " | " + f.path("deletionVectorUniqueId").asText(""));
        }
        assertThat(files).as("(path, dvId)").isEqualTo(expectedFiles);
    }

    private static List<String> sorted(List<String> list) {
        return list == null ? List.of() : list.stream().sorted().toList();
    }

    private static List<String> inOrder(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out.stream().sorted().toList();
    }
}
