package io.deltasql.cli.importer;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.progress.ProgressReporter;
import io.deltasql.cli.report.ImportStats;
import io.deltasql.cli.validation.ValidationView;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionRange;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.log.replay.LiveFileSizes;
import io.deltasql.log.replay.ReplayTap;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.WriteStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import service behind {@code deltasql import}: plans the versions once (the end version is
 * fixed at the start), applies each through the shared {@link VersionWriter} (one transaction per
 * version, head advanced with it), then validates. The source is only read. The resume point is the
 * table's head in the store, so an interrupted import (even {@code kill -9}) continues with
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

    public ImportResult run(DeltaLog log, StoreTarget target, ImportOptions options) {
        long startNanos = System.nanoTime();
        try (TargetDatabase db = TargetDatabase.connect(target)) {
            String name = target.table();
            Optional<RegisteredTable> existing = db.find(name);
            if (existing.isPresent() && !options.resume()) {
                db.requireNoWriter(existing.get()); // a running import is news to give before "already imported"
            }
            List<String> notes = checkExisting(target, existing, log.location(), options);
            RegisteredTable table = db.register(name, log.location(), options.force() && !options.resume());

            ImportStats stats;
            VersionPlan plan;
            long head;
            TargetDatabase.LogSide logSide;
            try (VersionWriter writer = db.writer(table, groupCommit);
                 Interruption.Running running = Interruption.begin(writer, writer.head())) {
                notes.forEach(info); // once the table is ours: a concurrent import's loser hears only that it lost
                head = writer.head();
                long headBefore = head;
                long from = head + 1;
                // --checkpoint-only picks the base of a fresh import; a resumed one continues with commits.
                boolean checkpointOnly = options.checkpointOnly() && head < 0;
                plan = log.plan(Math.max(0, from), options.upToVersion(), checkpointOnly);
                if (head >= 0 && plan.isEmpty()) {
                    info.accept("table '" + target.tableLabel() + "' is already current at version " + head
                            + (options.upToVersion() == null ? " (the latest in the log)" : "") + ": nothing to import");
                    stats = statsOf(new WriteStats(), plan, startNanos, true, head, null);
                    return new ImportResult(stats, null, true);
                }
                running.planned(plan.steps().isEmpty() ? plan.firstVersion() : plan.steps().get(0).version());
                OptionalLong latestCheckpoint = log.plannedCheckpointAtOrBefore(plan.lastVersion());
                Long found = latestCheckpoint.isPresent() ? latestCheckpoint.getAsLong() : null;
                explain(plan, head, options, found);
                db.importStarted(table, head >= 0 ? "resume" : checkpointOnly ? "checkpoint-only" : "full");
                progress.start("import " + name, plan.steps().size());
                boolean validatesWhatItReads = !options.skipValidation() && replaysFromTheStart(plan, head, found)
                        && TargetDatabase.sidesFitTogether(Runtime.getRuntime().maxMemory());
                ReplayTap<LiveFileSizes> tap = validatesWhatItReads ? new ReplayTap<>(new LiveFileSizes()) : null;
                try (CloseableIterator<VersionBatch> batches = log.versions(plan)) {
                    VersionLog versionLog = new VersionLog(writer.stats());
                    while (batches.hasNext()) {
                        VersionBatch batch = tap == null ? batches.next() : tap.tap(batches.next());
                        long t0 = System.nanoTime();
                        writer.apply(batch);
                        progress.versionDone(batch.version(), batch.actionCount());
                        versionLog.applied(batch, t0);
                    }
                    // With group commit the last versions may still be pending: make them durable
                    // before anything else touches the table's row (close() would roll them back).
                    writer.commit();
                } finally {
                    progress.close();
                }
                stats = statsOf(writer.stats(), plan, startNanos, false, headBefore, found);
                head = writer.head();
                // The validation's log side: what the import read, when it read the log from version 0;
                // else a replay of the log (the client's work), run while the writer's close settles its
                // pending file ends (the server's).
                if (options.skipValidation()) {
                    logSide = null;
                } else if (tap != null && tap.complete()) {
                    logSide = TargetDatabase.logSideOf(log, plan.lastVersion(), tap.sink());
                } else {
                    logSide = TargetDatabase.beginLogSide(log, plan.lastVersion(), info);
                }
            }
            ValidationView validation = null;
            try {
                db.importFinished(table, head);
                if (logSide != null) {
                    validation = db.validate(logSide, table, plan.lastVersion());
                    stats = stats.withValidation(validation.passed());
                }
            } finally {
                if (logSide != null && validation == null) {
                    logSide.cancel();
                }
            }
            return new ImportResult(stats, validation, false);
        }
    }

    /**
     * Whether the import reads every version its validation's replay would: a first import of every
     * commit from version 0, where the log has no checkpoint the replay would start from instead (a
     * replay from a checkpoint reads it by another path — its live-file columns only — which the
     * validation then checks against the commits the import wrote).
     */
    static boolean replaysFromTheStart(VersionPlan plan, long head, Long latestCheckpoint) {
        return head < 0 && latestCheckpoint == null && plan.commitsFromVersionZero();
    }

    /**
     * Whether the import may go ahead on what the target already holds; the import and its dry run
     * refuse in the same words. A registered table with no committed version (a first import that
     * failed or was stopped before its first commit) is not imported: the same command starts it again.
     */
    public static List<String> checkExisting(StoreTarget target, Optional<RegisteredTable> existing, String location,
                                             ImportOptions options) {
        if (existing.isEmpty()) {
            return List.of();
        }
        RegisteredTable t = existing.get();
        String table = target.tableLabel();
        if (t.headVersion() < 0) {
            return options.force() ? List.of() : List.of("table '" + table + "' holds no committed version (an earlier"
                    + " import stopped before its first commit): importing it from the start");
        }
        if (!options.resume() && !options.force()) {
            throw new CliException(ExitCodes.USAGE, "table '" + table + "' is already imported (from "
                    + t.location() + ", at version " + t.headVersion() + "): use --resume to import the versions after "
                    + t.headVersion() + ", or --force to replace it");
        }
        if (options.resume() && !sameLocation(t.location(), location)) {
            throw new CliException(ExitCodes.USAGE, "table '" + table + "' was imported from "
                    + t.location() + ", not " + location + ": pick another table name, or --force to replace it");
        }
        if (options.force() && !options.resume()) {
            return List.of("--force: replacing table '" + table + "' (was at version " + t.headVersion() + ")");
        }
        return List.of();
    }

    /** Says, once, where the import starts, which checkpoint it found, and what the log lacks: nothing here is an error. */
    private void explain(VersionPlan plan, long head, ImportOptions options, Long found) {
        if (head >= 0) {
            info.accept("resuming after version " + head + ": importing versions " + plan.firstVersion() + " to " + plan.lastVersion());
        }
        if (options.checkpointOnly() && head < 0) {
            if (plan.checkpointBase() == null) {
                info.accept("no checkpoint at or before version " + plan.lastVersion()
                        + ": importing every commit from version " + plan.firstVersion());
            } else {
                info.accept("found checkpoint at version " + plan.checkpointBase() + ": starting from it (--checkpoint-only)");
            }
        } else if (plan.checkpointBase() != null) {
            info.accept("found checkpoint at version " + plan.checkpointBase() + ": starting from it"
                    + " (earlier commits were cleaned up or are covered by it)");
        } else if (head < 0 && found != null) {
            info.accept("found checkpoint at version " + found + ": not needed, every commit from version "
                    + plan.firstVersion() + " is present; importing them all");
        }
        for (VersionRange r : plan.missingRanges()) {
            info.accept("versions " + r.from() + (r.to() == r.from() ? "" : "-" + r.to())
                    + " are missing from the log; a checkpoint covers them");
        }
        LOG.debug("plan: versions {}..{}, {} steps, checkpoint base {}, latest checkpoint found {}", plan.firstVersion(),
                plan.lastVersion(), plan.steps().size(), plan.checkpointBase(), found);
    }

    static ImportStats statsOf(WriteStats w, VersionPlan plan, long startNanos, boolean nothingToDo, long headBefore,
                               Long foundCheckpoint) {
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
        Long first = nothingToDo || plan.steps().isEmpty() ? null : plan.steps().get(0).version();
        Long base = first == null ? null
                : plan.checkpointBase() != null && plan.checkpointBase().equals(first) ? first
                : headBefore >= 0 ? headBefore : first;
        return new ImportStats(versions, c.adds(), c.removes(), c.metadataUpdates(), c.protocolUpdates(), c.txns(),
                c.cdcs(), c.others(), first, nothingToDo ? null : plan.lastVersion(), base,
                plan.checkpointBase(), foundCheckpoint, missing, seconds, null);
    }

    private static boolean sameLocation(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String location) {
        String s = location.replaceFirst("^file:(//)?", "");
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
