package io.deltasql.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.cli.Cli;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import org.junit.jupiter.api.Test;

/**
 * An import's validation takes the log's side from what the import read only when that is what a
 * replay would read: every commit from version 0, no checkpoint the replay would start from.
 */
class ReplaysFromTheStartTest {
    private static boolean fromTheStart(String table, long head, Long upTo, boolean checkpointOnly) {
        try (DeltaLog log = DeltaLog.openLocal(Cli.table(table).toString())) {
            VersionPlan plan = log.plan(head + 1, upTo, checkpointOnly);
            var found = log.plannedCheckpointAtOrBefore(plan.lastVersion());
            return ImportRunner.replaysFromTheStart(plan, head, found.isPresent() ? found.getAsLong() : null);
        }
    }

    @Test
    void aFirstImportOfEveryCommitWithoutACheckpoint() {
        assertThat(fromTheStart("simple-table", -1, null, false)).isTrue();
        assertThat(fromTheStart("checkpoint", -1, 5L, false)).as("up to a version before the checkpoint").isTrue();
    }

    @Test
    void notAResumeNorALogWithACheckpointBeforeTheEnd() {
        assertThat(fromTheStart("simple-table", 2, null, false)).as("resumed after version 2").isFalse();
        assertThat(fromTheStart("checkpoint", -1, null, false)).as("the replay would read the checkpoint").isFalse();
        assertThat(fromTheStart("checkpoint", -1, null, true)).as("--checkpoint-only").isFalse();
    }
}
