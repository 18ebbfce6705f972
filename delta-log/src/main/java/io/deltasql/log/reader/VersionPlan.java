package io.deltasql.log.reader;

import io.deltasql.log.Origin;
import io.deltasql.log.VersionRange;
import java.util.List;
import java.util.PrimitiveIterator;

/**
 * What {@link DeltaLog#versions(VersionPlan)} will deliver, decided before anything streams.
 *
 * @param firstVersion   the first version asked for
 * @param lastVersion    the last version, fixed when planning (commits written later are not included)
 * @param checkpointBase the first checkpoint the plan starts from or jumps to; null if none
 * @param missingRanges  versions in {@code firstVersion..lastVersion} that the plan cannot deliver
 *                       because commits are missing; a later checkpoint covers each of them
 * @param steps          the versions delivered, ascending; empty when there is nothing new
 */
public record VersionPlan(long firstVersion, long lastVersion, Long checkpointBase,
                          List<VersionRange> missingRanges, List<VersionStep> steps) {
    public VersionPlan {
        missingRanges = List.copyOf(missingRanges);
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The versions of the plan's commit steps, ascending (what a reader may read ahead). */
    public PrimitiveIterator.OfLong commitVersions() {
        return steps.stream().filter(s -> s.origin() == Origin.COMMIT).mapToLong(VersionStep::version).iterator();
    }

    /** True when the plan reads only commits, from version 0: every version of the table, no checkpoint. */
    public boolean commitsFromVersionZero() {
        return !steps.isEmpty() && steps.get(0).version() == 0 && checkpointBase == null && missingRanges.isEmpty()
                && steps.stream().allMatch(s -> s.origin() == Origin.COMMIT);
    }
}
