package io.deltasql.cli.importer;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLog;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionPlan;
import io.deltasql.log.VersionRange;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code import --dry-run}: reads the log exactly as an import would (same plan, every action
 * parsed, so a corrupt commit fails here too) and estimates the database size and the time from
 * {@link MeasuredCosts}. It never opens a database connection that could change anything.
 */
public final class DryRun {
    private DryRun() {
    }

    /** @param fromVersion 0 for a fresh import, head + 1 when resuming */
    public static DryRunEstimate estimate(DeltaLog log, long fromVersion, Long upToVersion, boolean checkpointOnly) {
        VersionPlan plan = log.plan(fromVersion, upToVersion, checkpointOnly);
        ActionCounts counts = new ActionCounts();
        try (CloseableIterator<VersionBatch> batches = log.versions(plan)) {
            while (batches.hasNext()) {
                VersionBatch batch = batches.next();
                try (CloseableIterator<Action> actions = batch.actions().open()) {
                    while (actions.hasNext()) {
                        counts.add(actions.next().type(), 1);
                    }
                }
            }
        }
        long versions = plan.steps().size();
        long bytes = versions * MeasuredCosts.VERSION_BYTES;
        for (ActionType t : ActionType.values()) {
            bytes += counts.get(t) * MeasuredCosts.bytesPerAction(t);
        }
        double seconds = counts.total() / MeasuredCosts.ACTIONS_PER_SECOND + versions * MeasuredCosts.MILLIS_PER_VERSION / 1000.0;
        List<List<Long>> missing = new ArrayList<>();
        for (VersionRange r : plan.missingRanges()) {
            missing.add(List.of(r.from(), r.to()));
        }
        return new DryRunEstimate(versions,
                plan.steps().isEmpty() ? null : plan.steps().get(0).version(),
                plan.steps().isEmpty() ? null : plan.lastVersion(),
                plan.checkpointBase(), missing, counts.adds(), counts.removes(), counts.metadataUpdates(),
                counts.protocolUpdates(), counts.txns(), counts.cdcs(), counts.others(), bytes,
                Math.round(seconds * 10) / 10.0, MeasuredCosts.SOURCE);
    }
}
