package io.deltasql.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.store.SchemaOutdatedException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The version read commands expect is the highest migration each store's scripts reach. */
class SchemaVersionTest {

    private static String highestScript(String dir) throws Exception {
        URL url = SchemaVersionTest.class.getClassLoader().getResource(dir);
        assertThat(url).as(dir).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V[0-9.]+__.*\\.(sql|class)"))
                    .map(n -> n.substring(1, n.indexOf("__"))).max(SchemaVersion::compare).orElseThrow();
        }
    }

    @Test
    void theConstantsAreTheHighestMigrationOfEachStore() throws Exception {
        assertThat(highestScript("io/deltasql/store/schema/migration")).isEqualTo(SchemaVersion.POSTGRES);
        assertThat(highestScript("io/deltasql/store/sqlite/migration")).isEqualTo(SchemaVersion.SQLITE);
    }

    @Test
    void anOlderOrUnrecordedSchemaIsRefusedNamingTheUpgrade() {
        assertThatThrownBy(() -> SchemaVersion.requireCurrent(List.of("0", "1"), "2", "schema s at h:1/db", "deltasql://postgres/db/s/t"))
                .isInstanceOf(SchemaOutdatedException.class)
                .hasMessageContaining("at schema version 1, this deltasql reads version 2")
                .hasMessageContaining("deltasql upgrade deltasql://postgres/db/s/t");
        assertThatThrownBy(() -> SchemaVersion.requireCurrent(List.of(), "1", "f.db", "deltasql://sqlite/f.db/t"))
                .hasMessageContaining("at schema none recorded");
        SchemaVersion.requireCurrent(List.of("1", "2"), "2", "x", "y");
        SchemaVersion.requireCurrent(List.of("1", "2", "3"), "2", "x", "y"); // newer: read as it is
    }

    @Test
    void versionsCompareAsFlywayOrdersThem() {
        assertThat(SchemaVersion.compare("1.10", "1.9")).isPositive();
        assertThat(SchemaVersion.compare("2", "2.0")).isZero();
        assertThat(SchemaVersion.compare("10", "9")).isPositive();
    }
}
