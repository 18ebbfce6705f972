package io.deltasql.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The store contract (sink-writer's {@code MetadataStore}) stays the only door to the dl_* tables:
 * no main source of the CLI or the connector holds SQL text that names a dl_* table, nor a JDBC
 * statement of its own against one. A grep, on purpose: it needs no build of the other module and
 * fails with the file and line to fix.
 */
class StoreContractTest {
    /** A string literal holding an SQL keyword and, in the same literal, a dl_* name. */
    private static final Pattern SQL_ON_DL = Pattern.compile(
            "\"[^\"]*\\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|INTO|TABLE|WHERE|COPY|TRUNCATE|ALTER|CREATE|DROP)\\b[^\"]*\\bdl_[a-z_]+[^\"]*\""
                    + "|\"[^\"]*\\bdl_[a-z_]+\\b[^\"]*\\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|INTO|WHERE|SET)\\b[^\"]*\"",
            Pattern.CASE_INSENSITIVE);
    /** JDBC statements: only sink-writer runs SQL against the metadata. */
    private static final Pattern JDBC = Pattern.compile("\\b(prepareStatement|createStatement|executeQuery|executeUpdate)\\s*\\(");

    @Test
    void cliAndConnectorHoldNoSqlAgainstTheDlTables() {
        Path root = projectRoot();
        List<String> found = new ArrayList<>();
        for (String module : List.of("cli", "connector")) {
            Path main = root.resolve(module).resolve("src/main/java");
            assertThat(main).as(module + " sources").isDirectory();
            scan(main, found);
        }
        assertThat(found).as("SQL against dl_* outside sink-writer (use the store contract instead)").isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        assertThat(SQL_ON_DL.matcher("\"SELECT mode FROM {s}.dl_tables WHERE table_id = ?\"").find()).isTrue();
        assertThat(SQL_ON_DL.matcher("\"UPDATE dl_add_files SET removed_version = 1\"").find()).isTrue();
        assertThat(SQL_ON_DL.matcher("\"the dl_* tables of one schema\"").find()).isFalse();
        assertThat(JDBC.matcher("c.prepareStatement(sql)").find()).isTrue();
    }

    private static void scan(Path dir, List<String> found) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    Matcher sql = SQL_ON_DL.matcher(line);
                    if (sql.find() || JDBC.matcher(line).find()) {
                        found.add(dir.relativize(f) + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reactor root: the directory above this module's. */
    private static Path projectRoot() {
        Path here = Paths.get("").toAbsolutePath();
        return Files.isDirectory(here.resolve("connector")) ? here : here.getParent();
    }
}
