package io.deltasql.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.store.write.WriterOptions;
import org.junit.jupiter.api.Test;

/** A SQLite writer's group is at least SQLite's minimum; everything else in the options is kept. */
class SqliteGroupsTest {

    @Test
    void raisesTheDefaultGroupToSqlitesMinimum() {
        WriterOptions o = SqliteGroups.of(WriterOptions.defaults().withSynchronousCommit(false));
        assertThat(o.groupMaxActions()).isEqualTo(SqliteGroups.MIN_ACTIONS);
        assertThat(o.groupMaxMillis()).isEqualTo(SqliteGroups.MIN_MILLIS);
        assertThat(o.synchronousCommit()).isFalse();
        assertThat(o.copyBufferChars()).isEqualTo(WriterOptions.defaults().copyBufferChars());
    }

    @Test
    void keepsALargerGroupAndOneTransactionPerVersion() {
        WriterOptions larger = WriterOptions.defaults().withGroup(1_000_000, 60_000);
        assertThat(SqliteGroups.of(larger)).isEqualTo(larger);
        WriterOptions perVersion = WriterOptions.defaults().perVersion();
        assertThat(SqliteGroups.of(perVersion)).isEqualTo(perVersion);
        assertThat(SqliteGroups.of(perVersion).groupCommit()).isFalse();
    }
}
