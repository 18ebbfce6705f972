package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mistyped or misplaced argument is named in the usage error, its secret never. */
class ArgumentRedactionTest {
    private static String usageError(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err), Map.of()).execute(args);
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        return out + err.toString();
    }

    @Test
    void aMistypedSecretOptionIsNamedWithoutItsValue() {
        String msg = usageError("import", "/tmp/t", "deltasql://postgres/db/s/t", "--s3-secret-kye=hunter2-SECRET");
        assertThat(msg).contains("--s3-secret-kye").doesNotContain("hunter2-SECRET");
    }

    @Test
    void aSecretGivenToAnOptionThatTakesNoneIsNotEchoed() {
        String msg = usageError("import", "/tmp/t", "deltasql://postgres/db/s/t", "--s3-secret-key", "hunter2-SECRET", "extra");
        assertThat(msg).doesNotContain("hunter2-SECRET");
    }

    @Test
    void aPasswordInAStrayUriIsMasked() {
        String msg = usageError("info", "deltasql://alice:hunter2-SECRET@db.example/x/y/z", "one-too-many", "and-another");
        assertThat(msg).doesNotContain("hunter2-SECRET");
    }

    @Test
    void plainMistakesStayReadable() {
        assertThat(ArgumentRedaction.redact("Unknown option: '--up-to-versoin=7'", new String[] {"--up-to-versoin=7"}))
                .isEqualTo("Unknown option: '--up-to-versoin=7'");
        assertThat(ArgumentRedaction.redact("Unmatched argument at index 3: 'password=abc&x=1'", new String[0]))
                .isEqualTo("Unmatched argument at index 3: 'password=****&x=1'");
    }
}
