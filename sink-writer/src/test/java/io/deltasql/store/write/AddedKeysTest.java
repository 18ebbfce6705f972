package io.deltasql.store.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddedKeysTest {
    @Test
    void neverDeniesAnAddedKeyAcrossGrowthAndRarelyClaimsANewOne() {
        AddedKeys keys = new AddedKeys();
        keys.startKnown();
        int n = 300_000; // several growth steps past the first 65,536
        for (int i = 0; i < n; i++) {
            keys.added("part=" + (i % 8) + "/file-" + i + ".parquet\0");
        }
        for (int i = 0; i < n; i++) {
            assertThat(keys.mayBeLive("part=" + (i % 8) + "/file-" + i + ".parquet\0")).isTrue();
        }
        int falsePositives = 0;
        for (int i = n; i < 2 * n; i++) {
            if (keys.mayBeLive("part=" + (i % 8) + "/file-" + i + ".parquet\0")) {
                falsePositives++;
            }
        }
        // ~1 % per filter; a few filters are consulted, so allow up to 5 %
        assertThat(falsePositives).isLessThan(n / 20);
    }

    @Test
    void unknownUntilStartedAndAfterForgetting() {
        AddedKeys keys = new AddedKeys();
        assertThat(keys.mayBeLive("a\0")).isTrue();
        keys.startKnown();
        assertThat(keys.mayBeLive("a\0")).isFalse();
        keys.added("a\0");
        assertThat(keys.mayBeLive("a\0")).isTrue();
        keys.forget();
        assertThat(keys.mayBeLive("b\0")).isTrue();
        keys.added("b\0"); // ignored while unknown
        keys.startKnown();
        assertThat(keys.mayBeLive("a\0")).isFalse();
    }
}
