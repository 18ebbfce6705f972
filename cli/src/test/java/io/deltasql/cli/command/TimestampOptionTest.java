package io.deltasql.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code --timestamp T}: the forms a user types, each to the instant it means (UTC where no offset is given). */
class TimestampOptionTest {
    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void instantsOffsetsLocalTimesDatesAndEpochMillis() {
        assertThat(TableAtOptions.epochMillis("2024-05-01T12:00:00Z")).isEqualTo(at("2024-05-01T12:00:00Z"));
        assertThat(TableAtOptions.epochMillis("2024-05-01T12:00:00.250Z")).isEqualTo(at("2024-05-01T12:00:00.250Z"));
        assertThat(TableAtOptions.epochMillis("2024-05-01T14:00:00+02:00")).isEqualTo(at("2024-05-01T12:00:00Z"));
        assertThat(TableAtOptions.epochMillis("2024-05-01T12:00:00")).isEqualTo(at("2024-05-01T12:00:00Z"));
        assertThat(TableAtOptions.epochMillis("2024-05-01 12:00")).isEqualTo(at("2024-05-01T12:00:00Z"));
        assertThat(TableAtOptions.epochMillis("2024-05-01")).isEqualTo(at("2024-05-01T00:00:00Z"));
        assertThat(TableAtOptions.epochMillis(" 1714564800000 ")).isEqualTo(at("2024-05-01T12:00:00Z"));
        assertThat(TableAtOptions.epochMillis("-1")).isEqualTo(-1);
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheForms() {
        for (String bad : new String[] {"yesterday", "2024-13-01", "2024-05-01T25:00", "05/01/2024", ""}) {
            assertThatThrownBy(() -> TableAtOptions.epochMillis(bad)).as(bad).isInstanceOfSatisfying(CliException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
                assertThat(e.getMessage()).contains("'" + bad + "'").contains("2024-05-01T12:00:00Z").contains("epoch milliseconds");
            });
        }
    }
}
