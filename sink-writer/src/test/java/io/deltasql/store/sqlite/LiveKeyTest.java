package io.deltasql.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The live key is stored in every dl_add_files row of a SQLite file: its definition must never change. */
class LiveKeyTest {
    private static final String A = "event_date=2024-01-04/part-00008-e9b83480-37a7-82ca-9140-625e07d268d9.c000.snappy.parquet";
    private static final String B = "event_date=2024-01-04/part-00004-7a5ce5b6-3d7c-dbad-3405-522376e66c60.c000.snappy.parquet";

    @Test
    void isStable() {
        assertThat(LiveKey.of(A, "")).isEqualTo(FROZEN_A);
        assertThat(LiveKey.of(A, null)).isEqualTo(LiveKey.of(A, ""));
        assertThat(LiveKey.of(A, "uabc@1")).isNotEqualTo(LiveKey.of(A, ""));
    }

    @Test
    void filesOfOneDirectoryShareTheTopBitsAndDifferBelow() {
        long a = LiveKey.of(A, "");
        long b = LiveKey.of(B, "");
        int shift = 64 - LiveKey.DIRECTORY_BITS;
        assertThat(a >>> shift).isEqualTo(b >>> shift);
        assertThat(a).isNotEqualTo(b);
        assertThat(LiveKey.of("event_date=2024-01-05/" + A.substring(A.indexOf('/') + 1), "") >>> shift).isNotEqualTo(a >>> shift);
        assertThat(LiveKey.ofFileKey(A + '\0' + "x")).isEqualTo(LiveKey.of(A, "x"));
    }

    /** Computed once, when V2 was written. */
    private static final long FROZEN_A = -4113631343641545097L;
}
