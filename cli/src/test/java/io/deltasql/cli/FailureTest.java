package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.DeltaLogException;
import io.deltasql.store.StoreException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Exceptions become one line and the documented exit code, whatever wraps them. */
class FailureTest {
    @Test
    void sourceProblemsAreExit3AndNameVersionAndLine() {
        Failure f = Failure.of(new RuntimeException(new DeltaLogException(DeltaLogException.Kind.PARSE, "invalid JSON",
                "_delta_log/00000000000000000002.json", 2L, 7, null)));
        assertThat(f.exitCode()).isEqualTo(ExitCodes.SOURCE);
        assertThat(f.message()).isEqualTo("source: version 2, line 7 of _delta_log/00000000000000000002.json: invalid JSON");
    }

    @Test
    void databaseProblemsAreExit4() {
        assertThat(Failure.of(new StoreException("table x: boom")).exitCode()).isEqualTo(ExitCodes.DATABASE);
        Failure unknown = Failure.of(new StoreException("cannot connect", new SQLException("attempt failed",
                new UnknownHostException("db.invalid"))));
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(unknown.message()).contains("unknown host db.invalid").contains("PGHOST");
        Failure refused = Failure.of(new SQLException("Connection to 127.0.0.1:1 refused.", new ConnectException("refused")));
        assertThat(refused.message()).contains("127.0.0.1:1").contains("PGHOST/PGPORT");
    }

    @Test
    void aFullDiskIsSaidAsSuch() {
        Failure db = Failure.of(new StoreException("writing", new SQLException("could not extend file", "53100")));
        assertThat(db.exitCode()).isEqualTo(ExitCodes.DATABASE);
        assertThat(db.message()).contains("disk is full").contains("--resume");
        Failure local = Failure.of(new java.io.UncheckedIOException(new IOException("No space left on device")));
        assertThat(local.message()).startsWith("disk full");
    }

    @Test
    void multiLineDriverMessagesBecomeOneLine() {
        Failure f = Failure.of(new SQLException("ERROR: relation missing\n  Hint: create it\n  Position: 15"));
        assertThat(f.message()).doesNotContain("\n").contains("Hint: create it");
    }

    @Test
    void unexpectedExceptionsAreInternalErrors() {
        Failure f = Failure.of(new IllegalStateException("bug"));
        assertThat(f.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(f.message()).contains("--verbose");
    }
}
