package io.deltasql.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Plain progress: a line at most every interval, with the rate and ETA, and a final line. */
class PlainLineProgressTest {
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void printsEveryIntervalWithRateAndEta() {
        StringWriter out = new StringWriter();
        StepClock clock = new StepClock();
        PlainLineProgress p = new PlainLineProgress(new PrintWriter(out), clock, Duration.ofSeconds(5));
        p.start("import t", 100);
        for (int v = 0; v < 50; v++) {
            clock.now = clock.now.plusMillis(200); // 5 versions/s
            p.versionDone(v, 10);
        }
        p.close();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(1 + 1 + 1); // at 5 s, at 10 s, final
        assertThat(lines[0]).startsWith("import t: 25/100 versions (25%), at version 24, 250 actions, 300 versions/min, 50 actions/s, ETA 15s");
        assertThat(lines[2]).contains("50/100 versions (50%)").contains("ETA 10s");
        assertThat(out.toString()).doesNotContain("\r");
    }
}
