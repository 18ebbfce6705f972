package io.deltasql.log.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FingerprintMapTest {
    @Test
    void agreesWithAHashMapThroughPutsRemovesAndGrowth() {
        long seed = 20261206L;
        Random random = new Random(seed);
        FingerprintMap map = new FingerprintMap();
        Map<Long, Long> reference = new HashMap<>();
        // few distinct keys with clustered low bits, so probes collide and removals shift entries back
        for (int i = 0; i < 200_000; i++) {
            long key = 1 + (random.nextInt(5_000) * 4096L);
            if (random.nextInt(3) == 0) {
                assertThat(map.remove(key)).as("seed " + seed).isEqualTo(reference.containsKey(key) ? reference.remove(key) : -1L);
            } else {
                long value = random.nextInt(1_000_000);
                Long old = reference.put(key, value);
                assertThat(map.put(key, value)).as("seed " + seed).isEqualTo(old == null ? -1L : old);
            }
        }
        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        Map<Long, Long> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).isEqualTo(reference);
        assertThat(map.get(3)).isEqualTo(-1L);
    }

    @Test
    void refusesTheReservedKeyAndNegativeValues() {
        FingerprintMap map = new FingerprintMap();
        assertThatThrownBy(() -> map.put(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.put(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void liveFileSizesFollowTheCanonicalKeyAndKeepTheTotal() {
        LiveFileSizes files = new LiveFileSizes();
        files.add("/t/a.parquet", "", 10);
        files.add("file:///t/a.parquet", null, 12); // the same logical file: re-added with a new size
        files.add("/t/a.parquet", "dv1", 7); // another logical file: same path, a deletion vector
        assertThat(files.count()).isEqualTo(2);
        assertThat(files.totalSize()).isEqualTo(19);
        files.remove("file:/t/a.parquet", "");
        assertThat(files.count()).isEqualTo(1);
        assertThat(files.totalSize()).isEqualTo(7);
        assertThat(files.sizeOf(LiveFileSizes.fingerprint("/t/a.parquet", "dv1"))).isEqualTo(7);
        assertThat(files.sizeOf(LiveFileSizes.fingerprint("/t/a.parquet", ""))).isEqualTo(-1);
        assertThat(LiveFileSizes.fingerprint("a", "b")).isNotEqualTo(LiveFileSizes.fingerprint("ab", ""));
    }
}
