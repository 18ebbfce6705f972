package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CdsTrainingTest {
    @Test
    void loadsTheDriverClassesAConnectionNeedsFromTheDriversJar() throws Exception {
        // The archive's training has no server: the driver's protocol classes get in only by name.
        // A count near zero would mean the packages no longer match the driver's layout.
        assertThat(CdsTraining.loadDriverClasses()).isGreaterThan(150);
    }
}
