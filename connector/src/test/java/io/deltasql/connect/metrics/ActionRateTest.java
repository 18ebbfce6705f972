package io.deltasql.connect.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;

/** Kafka's Rate behind the MXBeans' ActionsPerSecond: over about ten seconds, then forgotten. */
class ActionRateTest {

    @Test
    void ratePerSecondOverTheWindowAndTotalForever() {
        MockTime time = new MockTime();
        try (ActionRate rate = new ActionRate(time)) {
            rate.record(100);
            time.sleep(5_000);
            rate.record(100);
            // Kafka's Rate divides by the time elapsed (5 s) plus one whole window while fewer than two have passed.
            assertThat(rate.perSecond()).isCloseTo(200 / 15.0, within(0.01));
            assertThat(rate.total()).isEqualTo(200);
            time.sleep(30_000);
            assertThat(rate.perSecond()).as("older than both samples: forgotten").isZero();
            assertThat(rate.total()).isEqualTo(200);
        }
    }
}
