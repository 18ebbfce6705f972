package io.deltasql.log.listing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFileNameTest {
    @Test
    void aVersionPrefixIsTwentyZeroPaddedDigits() {
        assertThat(LogFileName.versionPrefix(0)).isEqualTo("00000000000000000000");
        assertThat(LogFileName.versionPrefix(7)).isEqualTo("00000000000000000007");
        assertThat(LogFileName.versionPrefix(1234567890123L)).isEqualTo("00000001234567890123");
        assertThat(LogFileName.versionPrefix(Long.MAX_VALUE)).isEqualTo("09223372036854775807");
        assertThat(LogFileName.commitName(12)).isEqualTo("00000000000000000012.json");
    }

    @Test
    void aCommitNameParsesBackToItsVersion() {
        for (long v : new long[] {0, 9, 10, 99_999, 1L << 40}) {
            LogFileName parsed = LogFileName.parse(LogFileName.commitName(v));
            assertThat(parsed.type()).isEqualTo(LogFileName.Type.COMMIT);
            assertThat(parsed.version()).isEqualTo(v);
        }
    }
}
