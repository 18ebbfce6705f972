package io.deltasql.synth;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;

/**
 * What {@link SyntheticTableWriter} wrote.
 *
 * @param location           the table directory (holding {@code _delta_log})
 * @param firstVersion       the first version written by this call
 * @param lastVersion        the table's latest version
 * @param checkpointVersions the checkpoints written by this call
 * @param actionsWritten     commit lines written by this call
 * @param liveFiles          number of live files at {@code lastVersion}
 * @param livePaths          the live file paths at {@code lastVersion}; empty for a big-checkpoint table,
 *                           whose million paths are deliberately never held in memory
 */
public record SyntheticTable(Path location, long firstVersion, long lastVersion, List<Long> checkpointVersions,
                             long actionsWritten, long liveFiles, SortedSet<String> livePaths) {
}
