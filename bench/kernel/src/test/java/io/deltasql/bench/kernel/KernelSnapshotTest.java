package io.deltasql.bench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark's reference prints what the shared tables' oracle (Delta Kernel) recorded in
 * {@code expected/}, byte for byte: so its output and {@code deltasql snapshot --format=json} can be
 * compared byte for byte, and the two processes do the same work.
 */
class KernelSnapshotTest {
    private static final Path SHARED = Path.of(System.getProperty("deltasql.sharedTables", "../../../shared/delta-tables"));
    private static final Pattern EXPECTED = Pattern.compile("(.+?)(?:@v(\\d+))?\\.json");

    static List<Path> expectedSnapshots() throws IOException {
        try (Stream<Path> files = Files.list(SHARED.resolve("expected"))) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".error.json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedSnapshots")
    void printsTheOraclesSnapshotByteForByte(Path expected) throws IOException {
        Matcher m = EXPECTED.matcher(expected.getFileName().toString());
        assertThat(m.matches()).isTrue();
        Long version = m.group(2) == null ? null : Long.valueOf(m.group(2));
        StringWriter out = new StringWriter();
        KernelSnapshot.write(SHARED.resolve(m.group(1)), version, out);
        assertThat(out.toString()).isEqualTo(Files.readString(expected));
    }
}
