package io.deltasql.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.store.write.WriterOptions;
import org.junit.jupiter.api.Test;

/** A SQLite writer's group starts at SQLite's first size and doubles per commit up to the largest; everything else in the options is kept. */
class SqliteGroupsTest {

    @Test
    void raisesTheDefaultGroupToSqlitesFirstSize() {
        WriterOptions o = SqliteGroups.of(WriterOptions.defaults().withSynchronousCommit(false));
        assertThat(o.groupMaxActions()).isEqualTo(SqliteGroups.FIRST_ACTIONS);
        assertThat(o.groupMaxMillis()).isEqualTo(SqliteGroups.FIRST_MILLIS);
        assertThat(o.synchronousCommit()).isFalse();
        assertThat(o.copyBufferChars()).isEqualTo(WriterOptions.defaults().copyBufferChars());
    }

    @Test
    void eachCommitDoublesTheNextGroupUpToTheLargest() {
        WriterOptions g = SqliteGroups.of(WriterOptions.defaults());
        long[] actions = new long[6];
        long[] millis = new long[6];
        for (int i = 0; i < actions.length; i++) {
            actions[i] = g.groupMaxActions();
            millis[i] = g.groupMaxMillis();
            g = SqliteGroups.next(g);
        }
        assertThat(actions).containsExactly(50_000, 100_000, 200_000, 400_000, 500_000, 500_000);
        assertThat(millis).containsExactly(2_000, 4_000, 8_000, 16_000, 20_000, 20_000);
    }

    @Test
    void keepsALargerGroupAndOneTransactionPerVersion() {
        WriterOptions larger = WriterOptions.defaults().withGroup(1_000_000, 60_000);
        assertThat(SqliteGroups.of(larger)).isEqualTo(larger);
        assertThat(SqliteGroups.next(larger)).isEqualTo(larger);
        WriterOptions perVersion = WriterOptions.defaults().perVersion();
        assertThat(SqliteGroups.of(perVersion)).isEqualTo(perVersion);
        assertThat(SqliteGroups.next(perVersion)).isEqualTo(perVersion);
        assertThat(SqliteGroups.of(perVersion).groupCommit()).isFalse();
    }
}
