package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PgTargetTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void fullDeltasqlUriWithQuery() {
        PgTarget t = PgTarget.parse("deltasql://postgres/lake/meta/sales?host=db.example&port=6543&user=alice"
                + "&password=s%3Ecret&sslmode=require", NO_ENV);
        assertThat(t.host()).isEqualTo("db.example");
        assertThat(t.port()).isEqualTo(6543);
        assertThat(t.database()).isEqualTo("lake");
        assertThat(t.schema()).isEqualTo("meta");
        assertThat(t.table()).isEqualTo("sales");
        assertThat(t.user()).isEqualTo("alice");
        assertThat(t.sslmode()).isEqualTo("require");
        assertThat(t.connectionProperties().getProperty("password")).isEqualTo("s>cret");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/lake").doesNotContain("cret");
    }

    @Test
    void absentPartsComeFromEnvThenDefaults() {
        PgTarget fromEnv = PgTarget.parse("deltasql://postgres/lake/s/t",
                Map.of("PGHOST", "envhost", "PGPORT", "7000", "PGUSER", "bob", "PGPASSWORD", "pw", "PGSSLMODE", "disable"));
        assertThat(fromEnv.host()).isEqualTo("envhost");
        assertThat(fromEnv.port()).isEqualTo(7000);
        assertThat(fromEnv.user()).isEqualTo("bob");
        assertThat(fromEnv.hasPassword()).isTrue();
        assertThat(fromEnv.sslmode()).isEqualTo("disable");

        PgTarget defaults = PgTarget.parse("deltasql://postgres/lake/s/t", NO_ENV);
        assertThat(defaults.host()).isEqualTo("localhost");
        assertThat(defaults.port()).isEqualTo(5432);
        assertThat(defaults.user()).isEqualTo("postgres");
        assertThat(defaults.hasPassword()).isFalse();

        PgTarget uriWins = PgTarget.parse("deltasql://postgres/lake/s/t?host=h&user=u", Map.of("PGHOST", "envhost", "PGUSER", "bob"));
        assertThat(uriWins.host()).isEqualTo("h");
        assertThat(uriWins.user()).isEqualTo("u");
    }

    @Test
    void databaseOnlyMeansPublicSchemaAndCallerTable() {
        PgTarget t = PgTarget.parse("deltasql://postgres/lake?port=5433", NO_ENV, "events");
        assertThat(t.schema()).isEqualTo("public");
        assertThat(t.table()).isEqualTo("events");
        assertThat(t.port()).isEqualTo(5433);
        assertThat(PgTarget.parse("deltasql://postgres/lake", NO_ENV).table()).isNull();
        assertThat(PgTarget.parse("deltasql://postgres/lake", NO_ENV).withDefaultTable("x").table()).isEqualTo("x");
        assertThat(PgTarget.parse("deltasql://postgres/lake/s/t", NO_ENV, "x").table()).isEqualTo("t");
    }

    @Test
    void jdbcUrlPlusTableName() {
        PgTarget t = PgTarget.parse("jdbc:postgresql://pg:5555/lake?user=carol&password=pw", NO_ENV, "meta.sales");
        assertThat(t.host()).isEqualTo("pg");
        assertThat(t.port()).isEqualTo(5555);
        assertThat(t.database()).isEqualTo("lake");
        assertThat(t.user()).isEqualTo("carol");
        assertThat(t.schema()).isEqualTo("meta");
        assertThat(t.table()).isEqualTo("sales");
        PgTarget plain = PgTarget.parse("jdbc:postgresql://pg/lake", Map.of("PGUSER", "dave"), "sales");
        assertThat(plain.schema()).isEqualTo("public");
        assertThat(plain.port()).isEqualTo(5432);
        assertThat(plain.user()).isEqualTo("dave");
    }

    @Test
    void ipv6HostsWithOrWithoutBracketsGiveOneJdbcUrl() {
        String url = "jdbc:postgresql://[::1]:5432/lake";
        assertThat(PgTarget.parse("jdbc:postgresql://[::1]:5432/lake", Map.of(), "t").jdbcUrl()).isEqualTo(url);
        assertThat(PgTarget.parse("deltasql://postgres/lake/public/t?host=[::1]", Map.of()).jdbcUrl()).isEqualTo(url);
        assertThat(PgTarget.parse("deltasql://postgres/lake/public/t?host=::1", Map.of()).jdbcUrl()).isEqualTo(url);
        assertThat(PgTarget.parse("deltasql://postgres/lake/public/t", Map.of("PGHOST", "[::1]")).host()).isEqualTo("::1");
    }

    @Test
    void passwordNeverShown() {
        PgTarget t = PgTarget.parse("deltasql://postgres/lake/s/t?password=topsecret", NO_ENV);
        assertThat(t.toString()).doesNotContain("topsecret").contains("****");
        assertThat(t.describe()).doesNotContain("topsecret");
        assertThat(t.jdbcUrl()).doesNotContain("topsecret");
        assertThatThrownBy(() -> PgTarget.parse("deltasql://postgres/lake/s/t?password=topsecret&bogus=1", NO_ENV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("topsecret")
                .hasMessageContaining("unknown parameter 'bogus'");
    }

    @Test
    void badUrisSayWhatIsExpected() {
        for (String bad : new String[] {"postgres://x/y", "deltasql://postgres/", "deltasql://postgres/db/schema",
                "deltasql://postgres/db/s/t/extra", "deltasql://postgres/db/s/t?port=99999", "", "jdbc:postgresql://h/"}) {
            assertThatThrownBy(() -> PgTarget.parse(bad, NO_ENV), bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("expected", "port"));
        }
    }
}
