package io.deltasql.cli.importer;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.progress.ProgressReporter;
import io.deltasql.cli.validation.ValidationView;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLog;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionPlan;
import io.deltasql.log.VersionRange;
import io.deltasql.log.action.ActionType;
import io.deltasql.store.PgTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.WriteStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import service behind {@code deltasql import}: plans the versions once (the end version is
 * fixed at the start), applies each through the shared {@link VersionWriter} (one transaction per
 * version, head advanced with it), then validates. The source is only read. The resume point is the
 * table's head in PostgreSQL, so an interrupted import (even {@code kill -9}) continues with
 * {@code --resume} exactly where it stopped.
 */
public final class ImportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);

    private final ProgressReporter progress;
    private final Consumer<String> info;
    private boolean groupCommit;

    /**
     * @param progress where progress goes (a bar, plain lines, nothing)
     * @param info     one-line notes for the user ("no checkpoint: replaying from version 0"), on stderr
     */
    public ImportRunner(ProgressReporter progress, Consumer<String> info) {
        this.progress = progress;
        this.info = info;
    }

    /** On: several whole versions per transaction (sink-writer's grouping); off (default): one per version. */
    public ImportRunner groupCommit(boolean on) {
        this.groupCommit = on;
        return this;
    }

    public ImportResult run(DeltaLog log, PgTarget target, ImportOptions options) {
        long startNanos = System.nanoTime();
        try (TargetDatabase db = TargetDatabase.connect(target)) {
            String name = target.table();
            Optional<RegisteredTable> existing = db.find(name);
            if (existing.isPresent() && !options.resume() && !options.force()) {
                RegisteredTable t = existing.get();
                throw new CliException(ExitCodes.USAGE, "table '" + target.schema() + "." + name + "' is already imported (from "
                        + t.location() + ", at version " + t.headVersion() + "): use --resume to import the versions after "
                        + t.headVersion() + ", or --force to replace it");
            }
            if (existing.isPresent() && options.resume() && !sameLocation(existing.get().location(), log.location())) {
                throw new CliException(ExitCodes.USAGE, "table '" + target.schema() + "." + name + "' was imported from "
                        + existing.get().location() + ", not " + log.location() + ": pick another table name, or --force to replace it");
            }
            if (existing.isPresent() && options.force() && !options.resume()) {
                info.accept("--force: replacing table '" + target.schema() + "." + name + "' (was at version "
                        + existing.get().headVersion() + ")");
            }
            RegisteredTable table = db.register(name, log.location(), options.force() && !options.resume());

            ImportStats stats;
            VersionPlan plan;
            long head;
            try (VersionWriter writer = db.writer(table, groupCommit)) {
                head = writer.head();
                long from = head + 1;
                // --checkpoint-only picks the base of a fresh import; a resumed one continues with commits.
                boolean checkpointOnly = options.checkpointOnly() && head < 0;
                plan = log.plan(Math.max(0, from), options.upToVersion(), checkpointOnly);
                if (head >= 0 && plan.isEmpty()) {
                    info.accept("table '" + target.schema() + "." + name + "' is already current at version " + head
                            + (options.upToVersion() == null ? " (the latest in the log)" : "") + ": nothing to import");
                    stats = statsOf(new WriteStats(), plan, startNanos, true);
                    return new ImportResult(stats, null, true);
                }
                explain(plan, head, options);
                db.importStarted(table, head >= 0 ? "resume" : checkpointOnly ? "checkpoint-only" : "full");
                progress.start("import " + name, plan.steps().size());
                try (CloseableIterator<VersionBatch> batches = log.versions(plan)) {
                    while (batches.hasNext()) {
                        VersionBatch batch = batches.next();
                        writer.apply(batch);
                        progress.versionDone(batch.version(), batch.actionCount());
                    }
                    // With group commit the last versions may still be pending: make them durable
                    // before anything else touches the table's row (close() would roll them back).
                    writer.commit();
                } finally {
                    progress.close();
                }
                stats = statsOf(writer.stats(), plan, startNanos, false);
                head = writer.head();
            }
            db.importFinished(table, head);
            ValidationView validation = null;
            if (!options.skipValidation()) {
                validation = db.validate(log, table, plan.lastVersion());
                stats = stats.withValidation(validation.passed());
            }
            return new ImportResult(stats, validation, false);
        }
    }

    /** Says, once, where the import starts and what the log lacks: nothing here is an error. */
    private void explain(VersionPlan plan, long head, ImportOptions options) {
        if (head >= 0) {
            info.accept("resuming after version " + head + ": importing versions " + plan.firstVersion() + " to " + plan.lastVersion());
        }
        if (options.checkpointOnly() && head < 0) {
            if (plan.checkpointBase() == null) {
                info.accept("no checkpoint at or before version " + plan.lastVersion()
                        + ": importing every commit from version " + plan.firstVersion());
            } else {
                info.accept("starting from the checkpoint at version " + plan.checkpointBase());
            }
        } else if (plan.checkpointBase() != null) {
            info.accept("the log starts at the checkpoint at version " + plan.checkpointBase()
                    + " (earlier commits were cleaned up or are covered by it)");
        }
        for (VersionRange r : plan.missingRanges()) {
            info.accept("versions " + r.from() + (r.to() == r.from() ? "" : "-" + r.to())
                    + " are missing from the log; a checkpoint covers them");
        }
        LOG.debug("plan: versions {}..{}, {} steps, checkpoint base {}", plan.firstVersion(), plan.lastVersion(),
                plan.steps().size(), plan.checkpointBase());
    }

    static ImportStats statsOf(WriteStats w, VersionPlan plan, long startNanos, boolean nothingToDo) {
        List<List<Long>> missing = new ArrayList<>();
        for (VersionRange r : plan.missingRanges()) {
            missing.add(List.of(r.from(), r.to()));
        }
        long versions = w.versionsApplied();
        ActionCounts c = new ActionCounts();
        for (ActionType t : ActionType.values()) {
            c.add(t, w.actions(t));
        }
        double seconds = Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
        return new ImportStats(versions, c.adds(), c.removes(), c.metadataUpdates(), c.protocolUpdates(), c.txns(),
                c.cdcs(), c.others(),
                nothingToDo ? null : plan.steps().isEmpty() ? null : plan.steps().get(0).version(),
                nothingToDo ? null : plan.lastVersion(),
                plan.checkpointBase(), missing, seconds, null);
    }

    private static boolean sameLocation(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String location) {
        String s = location.replaceFirst("^file:(//)?", "");
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
