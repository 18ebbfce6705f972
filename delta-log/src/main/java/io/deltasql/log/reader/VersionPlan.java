package io.deltasql.log.reader;

import io.deltasql.log.VersionRange;
import java.util.List;

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
}
