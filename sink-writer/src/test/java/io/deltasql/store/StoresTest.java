package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The target grammar: one form per store, near misses refused with a one-line hint. */
class StoresTest {
    @Test
    void sqliteTargetsNameAFileAndATable() {
        SqliteTarget relative = (SqliteTarget) Stores.parse("deltasql://sqlite/lake.db/events", Map.of(), null);
        assertThat(relative.file()).isEqualTo(Path.of("lake.db").toAbsolutePath());
        assertThat(relative.table()).isEqualTo("events");
        SqliteTarget nested = (SqliteTarget) Stores.parse("deltasql://sqlite/data/my%20lake.db/events", Map.of(), null);
        assertThat(nested.file()).isEqualTo(Path.of("data", "my lake.db").toAbsolutePath());
        SqliteTarget absolute = (SqliteTarget) Stores.parse("deltasql://sqlite//var/lib/lake.db/t1", Map.of(), null);
        assertThat(absolute.file()).isEqualTo(Path.of("/var/lib/lake.db"));
        assertThat(absolute.uri()).isEqualTo("deltasql://sqlite//var/lib/lake.db/t1");
        assertThat(Stores.parse(absolute.uri(), Map.of(), null)).isEqualTo(absolute);
        assertThat(absolute.tableLabel()).isEqualTo("t1");
        assertThat(absolute.describe()).isEqualTo("sqlite /var/lib/lake.db table t1");
    }

    @Test
    void postgresTargetsAreAsBefore() {
        PgTarget pg = (PgTarget) Stores.parse("deltasql://postgres/lake/delta/events?host=h", Map.of(), null);
        assertThat(pg.tableLabel()).isEqualTo("delta.events");
        assertThat(pg.uri()).isEqualTo("deltasql://postgres/lake/delta/events");
        assertThat(Stores.parse("jdbc:postgresql://h/lake", Map.of(), "delta.events").tableLabel()).isEqualTo("delta.events");
    }

    @Test
    void nearMissesAreRefusedWithTheGrammar() {
        for (String wrong : new String[] {"sqlite:lake.db", "jdbc:sqlite:lake.db", "lake.db", "/tmp/lake.sqlite",
            "deltasql://sqlite:lake.db/t"}) {
            assertThatThrownBy(() -> Stores.parse(wrong, Map.of(), null)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deltasql://sqlite/<path-to-file>/<table>")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> Stores.parse("deltasql://sqlite/lake.db", Map.of(), null))
                .hasMessageContaining("names no database file").hasMessageContaining("'lake.db' is read as the table name");
        assertThatThrownBy(() -> Stores.parse("deltasql://sqlite/dir/lake.db", Map.of(), null))
                .hasMessageContaining("would be the table name");
        assertThatThrownBy(() -> Stores.parse("deltasql://sqlite/lake.db/", Map.of(), null)).hasMessageContaining("no table");
        assertThatThrownBy(() -> Stores.parse("deltasql://sqlite/lake.db/t?mode=ro", Map.of(), null))
                .hasMessageContaining("takes none");
        assertThatThrownBy(() -> Stores.parse("mysql://h/db", Map.of(), null)).hasMessageContaining("deltasql://postgres/")
                .hasMessageContaining("deltasql://sqlite/");
        assertThatThrownBy(() -> Stores.parse("postgres://u:SECRET@h/db", Map.of(), null))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
    }
}
