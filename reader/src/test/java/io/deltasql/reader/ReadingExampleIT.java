package io.deltasql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/reading.md's Java example is {@link ReadingExample}, word for word, and it runs on an imported table. */
class ReadingExampleIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    @Test
    void theDocumentShowsTheExampleThatRuns() throws IOException {
        String source = Files.readString(Paths.get("src/test/java/io/deltasql/reader/ReadingExample.java"));
        String code = between(source, "// docs/reading.md:start\n", "    // docs/reading.md:end").replaceAll("(?m)^    ", "");
        String doc = Files.readString(projectRoot().resolve("docs/reading.md"));
        assertThat(doc).as("docs/reading.md shows ReadingExample's code").contains("```java\n" + code + "```\n");
    }

    @Test
    void theExampleReadsAnImportedTable() throws IOException {
        String uri = STORES.uri(StoreKind.SQLITE, "example", "events");
        Imports.importTable(SharedTables.table("dv-partitioned-with-checkpoint"), uri);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows = ReadingExample.printTable(uri, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(rows).isEqualTo(KernelRows.fromOwnLog(SharedTables.table("dv-partitioned-with-checkpoint"), null).size());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("version 15, ").contains("{part=1, col1=");
    }

    private static String between(String s, String start, String end) {
        int from = s.indexOf(start) + start.length();
        return s.substring(from, s.indexOf(end, from));
    }

    private static Path projectRoot() {
        Path p = Paths.get("").toAbsolutePath();
        return Files.isDirectory(p.resolve("docs")) ? p : p.getParent();
    }
}
