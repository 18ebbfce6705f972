package io.deltasql.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which failures a driver may retry on a new connection (StoreConnectionException) and which it must report. */
class StoreErrorsTest {
    private static final PgTarget TARGET = PgTarget.parse("deltasql://postgres/lake/s/t?host=db&user=u&password=secret", Map.of());

    @Test
    void lostOrRefusedConnectionsAreConnectionExceptions() {
        for (String state : new String[] {"08006", "08003", "08000", "57P01", "57P02", "57P03"}) {
            StoreException e = StoreErrors.wrap(TARGET, "writing version 3 of table t", new SQLException("gone", state));
            assertThat(e).as(state).isInstanceOf(StoreConnectionException.class);
            assertThat(e.getMessage()).contains("lost the connection", "db:5432/lake", state).doesNotContain("secret");
        }
        SQLException refused = new SQLException("refused", "08001", new ConnectException("Connection refused"));
        assertThat(StoreErrors.wrap(TARGET, "connecting", refused)).isInstanceOf(StoreConnectionException.class)
                .hasMessageContaining("connection refused");
    }

    @Test
    void configurationAndDataErrorsAreNot() {
        for (String state : new String[] {"28P01", "3D000", "42501", "42P01", "23505", "22021", "53100"}) {
            StoreException e = StoreErrors.wrap(TARGET, "writing version 3 of table t", new SQLException("bad", state));
            assertThat(e).as(state).isNotInstanceOf(StoreConnectionException.class);
        }
        SQLException unknownHost = new SQLException("no host", "08001", new UnknownHostException("db"));
        assertThat(StoreErrors.wrap(TARGET, "connecting", unknownHost)).isNotInstanceOf(StoreConnectionException.class)
                .hasMessageContaining("unknown host");
    }

    @Test
    void aConnectionNeverMadeIsNotALostOne() {
        SQLException ssl = new SQLException("The server does not support SSL.", "08004");
        assertThat(StoreErrors.wrap(TARGET, "connecting", ssl).getMessage()).contains("the server does not support SSL")
                .doesNotContain("lost", "resume");
        SQLException noPassword = new SQLException("The server requested SCRAM-based authentication, but no password was provided.", "08004");
        assertThat(StoreErrors.wrap(TARGET, "connecting", noPassword).getMessage())
                .contains("the server asks for a password for user 'u': set PGPASSWORD or ?password=").doesNotContain("resume");
        SQLException other = new SQLException("something else", "08004");
        assertThat(StoreErrors.wrap(TARGET, "connecting", other).getMessage()).startsWith("cannot connect").doesNotContain("resume");
        SQLException lost = new SQLException("gone", "08006");
        assertThat(StoreErrors.wrap(TARGET, "reading the provenance of t", lost).getMessage()).doesNotContain("resume");
        assertThat(StoreErrors.wrap(TARGET, "writing version 3 of table t", lost).getMessage()).contains("re-run to resume");
    }

    @Test
    void anInvalidSslmodeIsRefusedWhenParsed() {
        assertThatThrownBy(() -> PgTarget.parse("deltasql://postgres/lake/s/t?sslmode=bogus&password=secret", Map.of()))
                .hasMessage("invalid sslmode 'bogus' (disable, allow, prefer, require, verify-ca, verify-full)");
        assertThat(PgTarget.parse("deltasql://postgres/lake/s/t?sslmode=verify-full", Map.of()).sslmode()).isEqualTo("verify-full");
    }

    @Test
    void applicationNameIsTheTargetsOwn() {
        assertThat(TARGET.connectionProperties().getProperty("ApplicationName")).isEqualTo("deltasql");
        PgTarget sink = TARGET.withApplicationName("deltasql-sink").withTable("other");
        assertThat(sink.connectionProperties().getProperty("ApplicationName")).isEqualTo("deltasql-sink");
        assertThat(sink.table()).isEqualTo("other");
    }
}
