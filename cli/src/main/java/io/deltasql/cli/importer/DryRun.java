package io.deltasql.cli.importer;

import io.deltasql.cli.report.DryRunEstimate;
import io.deltasql.cli.report.TimeEstimate;
import io.deltasql.log.VersionRange;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.TargetProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code import --dry-run}: everything an import does before its first write, read-only, then the
 * log read exactly as the import would read it. It connects to the target as the import does
 * (sink-writer's {@link TargetProbe}: a read-only connection, the schema checks of a migration
 * without the migration), so a missing database, an unreachable host, a dl_* name deltasql did not
 * create, a missing right to create the schema or its tables, an already imported table and a
 * running writer fail here in the import's own words and exit codes. Then it plans and parses every
 * action (a corrupt commit fails here too), counting them as they stream by — nothing is kept, so
 * memory stays flat however long the log — and estimates size and time from {@link MeasuredCosts}.
 * Nothing is created: no database, schema, table, row or SQLite file.
 */
public final class DryRun {
    private DryRun() {
    }

    /**
     * Checks the target as {@link ImportRunner#run} would, then estimates.
     *
     * @param info where notes go (what the import would create or replace, where it would resume)
     */
    public static DryRunEstimate run(DeltaLog log, StoreTarget target, ImportOptions options, Consumer<String> info) {
        long from = 0;
        boolean createsSchema;
        try (TargetProbe probe = Stores.probe(target)) {
            Optional<RegisteredTable> existing = probe.find(target.table());
            existing.ifPresent(probe::requireNoWriter); // before "already imported", as the import says it
            for (String note : ImportRunner.checkExisting(target, existing, log.location(), options)) {
                info.accept("dry run: " + note);
            }
            if (options.resume() && existing.isPresent() && existing.get().headVersion() >= 0) {
                from = existing.get().headVersion() + 1;
                info.accept("dry run: the table is at version " + existing.get().headVersion()
                        + "; planning versions after it");
            }
            List<String> created = probe.wouldCreate();
            createsSchema = !created.isEmpty();
            if (!created.isEmpty()) {
                info.accept("dry run: the import would create " + String.join(" and ", created));
            }
        }
        return estimate(log, from, options.upToVersion(), options.checkpointOnly() && from == 0, createsSchema,
                !options.skipValidation());
    }

    /** @param fromVersion 0 for a fresh import, head + 1 when resuming */
    public static DryRunEstimate estimate(DeltaLog log, long fromVersion, Long upToVersion, boolean checkpointOnly,
                                          boolean createsSchema, boolean validates) {
        VersionPlan plan = log.plan(fromVersion, upToVersion, checkpointOnly);
        LogTally tally = LogTally.of(log, plan);
        ActionCounts counts = tally.counts();
        List<List<Long>> missing = new ArrayList<>();
        for (VersionRange r : plan.missingRanges()) {
            missing.add(List.of(r.from(), r.to()));
        }
        boolean nothing = plan.steps().isEmpty();
        TimeEstimate time = MeasuredCosts.seconds(tally, createsSchema, validates && !nothing).rounded();
        return new DryRunEstimate(tally.versions(),
                nothing ? null : plan.steps().get(0).version(),
                nothing ? null : plan.lastVersion(),
                plan.checkpointBase(), missing, counts.adds(), counts.removes(), counts.metadataUpdates(),
                counts.protocolUpdates(), counts.txns(), counts.cdcs(), counts.others(),
                MeasuredCosts.bytes(tally, createsSchema), Math.round(time.total() * 10) / 10.0, time, MeasuredCosts.SOURCE);
    }
}
