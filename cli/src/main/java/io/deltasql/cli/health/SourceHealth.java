package io.deltasql.cli.health;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionChecksum;
import io.deltasql.log.VersionRange;
import io.deltasql.log.listing.LastCheckpointHint;
import io.deltasql.log.reader.CommitStats;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.LogInventory;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.log.replay.FileKey;
import io.deltasql.log.replay.ReplayState;
import io.deltasql.log.storage.LogStorage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code deltasql validate SOURCE}: is this log fit to import? Readable; contiguous (or every gap
 * covered by a checkpoint); every commit parses; every checkpoint equals the replay of the commits
 * before it; every {@code .crc} checksum file agrees with the replay. Everything is read through
 * {@link DeltaLog}'s health API and replayed by delta-model's {@link ReplayState} — the rule the
 * import's own snapshot uses ({@code file:/x} and {@code /x} are one file), so validate and import
 * agree on which files are live. Problems are collected, not thrown, so the report names all of
 * them at once; what the import survives but a user should hear about (a {@code _last_checkpoint}
 * that points at a missing or wrong checkpoint, an empty commit file) is a warning.
 */
public final class SourceHealth {
    private static final ReplayState.Detail DETAIL = ReplayState.Detail.FILES_AND_SIZES;

    private SourceHealth() {
    }

    /** @throws DeltaLogException NOT_A_TABLE when the log has no commit and no checkpoint: nothing else to say */
    public static HealthReport check(String location, LogStorage storage) {
        List<HealthReport.Check> checks = new ArrayList<>();
        try (DeltaLog log = DeltaLog.open(location, storage)) {
            LogInventory inventory = log.inventory();
            if (inventory.isEmpty()) {
                throw new DeltaLogException(DeltaLogException.Kind.NOT_A_TABLE, log.location() + " is not a Delta table:"
                        + " its _delta_log holds no commit and no checkpoint (check the path, or wait for the first commit)");
            }
            checks.add(new HealthReport.Check("Readable", true, String.format(
                    "versions up to %d: %,d commits, %,d checkpoints, %,d .crc files", inventory.latestVersion(),
                    inventory.commitCount(), inventory.checkpointCount(), inventory.checksumVersions().size()),
                    List.of(), List.of()));
            checks.add(lastCheckpoint(log, inventory));

            VersionPlan plan;
            try {
                plan = log.plan(0, null, false);
            } catch (DeltaLogException e) {
                checks.add(HealthReport.Check.failed("Contiguous", "not importable", List.of(oneLine(e.getMessage()))));
                checks.add(commitsParse(log, inventory));
                return new HealthReport(log.location(), checks);
            }
            List<String> gaps = new ArrayList<>();
            for (VersionRange r : plan.missingRanges()) {
                gaps.add("versions " + r.from() + (r.from() == r.to() ? "" : "-" + r.to()) + " missing, covered by a checkpoint");
            }
            checks.add(HealthReport.Check.passed("Contiguous", plan.missingRanges().isEmpty()
                    ? "no missing commits from version " + plan.firstVersion() + " to " + plan.lastVersion()
                    : String.join("; ", gaps) + (plan.checkpointBase() == null ? "" : " (history starts at checkpoint "
                    + plan.checkpointBase() + ")")));
            checks.add(commitsParse(log, inventory));
            replayChecks(log, inventory, plan, checks);
            return new HealthReport(log.location(), checks);
        }
    }

    /** {@code _last_checkpoint} is a hint the reader never trusts, but a wrong one says a writer failed half-way. */
    private static HealthReport.Check lastCheckpoint(DeltaLog log, LogInventory inventory) {
        String name = "Last checkpoint";
        if (!inventory.hasLastCheckpointFile()) {
            return HealthReport.Check.passed(name, "no _last_checkpoint file (optional)");
        }
        Optional<LastCheckpointHint> hint = log.lastCheckpointHint(inventory);
        if (hint.isEmpty()) {
            return HealthReport.Check.warned(name, "_last_checkpoint cannot be used",
                    List.of("_delta_log/_last_checkpoint is empty or not a JSON object with a version: readers ignore it"
                            + " and list the log instead"));
        }
        long v = hint.get().version();
        if (!inventory.hasCheckpoint(v)) {
            return HealthReport.Check.warned(name, "points at a missing checkpoint",
                    List.of("_delta_log/_last_checkpoint points at version " + v + ", which has no complete checkpoint"
                            + latest(inventory) + ": readers that trust it fail or fall back to listing"));
        }
        List<String> warnings = new ArrayList<>();
        Integer parts = hint.get().parts();
        int files = inventory.checkpointFileCount(v);
        if (parts != null && parts != files && hint.get().v2Path() == null) {
            warnings.add("_delta_log/_last_checkpoint says the checkpoint at version " + v + " has " + parts
                    + " part(s); the log holds " + files);
        }
        long newest = inventory.checkpointVersions().last();
        if (newest > v) {
            warnings.add("_delta_log/_last_checkpoint points at version " + v + ", but the latest checkpoint is at version "
                    + newest + " (a writer did not update it)");
        }
        return warnings.isEmpty() ? HealthReport.Check.passed(name, "points at the checkpoint at version " + v)
                : HealthReport.Check.warned(name, "points at the wrong checkpoint", warnings);
    }

    private static String latest(LogInventory inventory) {
        return inventory.checkpointCount() == 0 ? " (the log has no checkpoint at all)"
                : " (the latest checkpoint is at version " + inventory.checkpointVersions().last() + ")";
    }

    private static HealthReport.Check commitsParse(DeltaLog log, LogInventory inventory) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long actions = 0;
        List<CommitStats> stats = log.commitStats(inventory);
        for (CommitStats c : stats) {
            if (!c.readable()) {
                problems.add(oneLine(c.failure().getMessage()));
                continue;
            }
            actions += c.actionCount();
            if (c.actionCount() == 0) {
                long bytes = inventory.commitBytes(c.version());
                warnings.add(String.format("version %d: the commit file holds no action (%s): a commit that changes"
                        + " nothing, or one a writer did not finish", c.version(), bytes == 0 ? "0 bytes" : bytes + " bytes, all blank"));
            }
        }
        String detail = problems.isEmpty() ? String.format("%,d commits, %,d actions", stats.size(), actions)
                : String.format("%,d of %,d commits do not parse", problems.size(), stats.size());
        return new HealthReport.Check("Commits parse", problems.isEmpty(), detail, problems, warnings);
    }

    private static void replayChecks(DeltaLog log, LogInventory inventory, VersionPlan plan, List<HealthReport.Check> checks) {
        List<String> checkpointProblems = new ArrayList<>();
        List<String> checksumProblems = new ArrayList<>();
        int[] compared = new int[2]; // checkpoints, checksums
        try {
            log.replay(plan, new ReplayState(DETAIL), (batch, state) -> {
                long v = batch.version();
                if (batch.origin() == Origin.COMMIT && inventory.hasCheckpoint(v)) {
                    compared[0]++;
                    compareCheckpoint(log, inventory, v, state, checkpointProblems);
                }
                if (inventory.hasChecksum(v)) {
                    compared[1]++;
                    compareChecksum(log, v, state, checksumProblems);
                }
            });
        } catch (DeltaLogException e) {
            checkpointProblems.add("replay stopped: " + oneLine(e.getMessage()));
        }
        checks.add(new HealthReport.Check("Checkpoints", checkpointProblems.isEmpty(),
                !checkpointProblems.isEmpty() && compared[0] == 0 ? "could not be checked"
                : compared[0] == 0 ? "no checkpoint after the first replayed version (nothing to compare; replay starts at "
                + plan.firstVersion() + ")"
                : String.format("%d checkpoint(s) compared with the replay of the commits before them", compared[0]),
                checkpointProblems, List.of()));
        checks.add(new HealthReport.Check("Checksums", checksumProblems.isEmpty(), compared[1] == 0
                ? "no .crc files (optional)" : String.format("%d .crc file(s) compared", compared[1]), checksumProblems, List.of()));
    }

    private static void compareCheckpoint(DeltaLog log, LogInventory inventory, long v, ReplayState replay,
                                          List<String> problems) {
        try {
            ReplayState cp = log.checkpointState(inventory, v, DETAIL);
            List<String> diffs = new ArrayList<>();
            Set<FileKey> onlyCp = new HashSet<>(cp.liveFiles().keySet());
            onlyCp.removeAll(replay.liveFiles().keySet());
            Set<FileKey> onlyReplay = new HashSet<>(replay.liveFiles().keySet());
            onlyReplay.removeAll(cp.liveFiles().keySet());
            onlyCp.stream().sorted().limit(5).forEach(k -> diffs.add("only in the checkpoint: " + k));
            onlyReplay.stream().sorted().limit(5).forEach(k -> diffs.add("only in the commits' replay: " + k));
            if (!sameProtocol(cp, replay)) {
                diffs.add("protocol differs");
            }
            if (cp.metadata() == null || replay.metadata() == null
                    || !Objects.equals(cp.metadata().schemaString(), replay.metadata().schemaString())
                    || !Objects.equals(cp.metadata().id(), replay.metadata().id())) {
                diffs.add("metaData (id or schema) differs");
            }
            if (!diffs.isEmpty()) {
                problems.add(String.format("checkpoint %d disagrees with commits 0..%d (%,d vs %,d files): %s", v, v,
                        cp.fileCount(), replay.fileCount(), String.join("; ", diffs)));
            }
        } catch (DeltaLogException e) {
            problems.add("checkpoint " + v + ": " + oneLine(e.getMessage()));
        }
    }

    private static boolean sameProtocol(ReplayState a, ReplayState b) {
        if (a.protocol() == null || b.protocol() == null) {
            return a.protocol() == b.protocol();
        }
        return Objects.equals(a.protocol().minReaderVersion(), b.protocol().minReaderVersion())
                && Objects.equals(a.protocol().minWriterVersion(), b.protocol().minWriterVersion())
                && Objects.equals(sorted(a.protocol().readerFeatures()), sorted(b.protocol().readerFeatures()))
                && Objects.equals(sorted(a.protocol().writerFeatures()), sorted(b.protocol().writerFeatures()));
    }

    private static List<String> sorted(List<String> l) {
        return l == null ? List.of() : l.stream().sorted().toList();
    }

    private static void compareChecksum(DeltaLog log, long v, ReplayState state, List<String> problems) {
        try {
            VersionChecksum crc = log.checksum(v).orElse(null);
            if (crc == null) {
                return;
            }
            if (crc.numFiles() != null && crc.numFiles() != state.fileCount()) {
                problems.add(String.format("version %d: .crc says %,d files, the replay has %,d", v, crc.numFiles(), state.fileCount()));
            }
            if (crc.tableSizeBytes() != null && crc.tableSizeBytes() != state.totalSize()) {
                problems.add(String.format("version %d: .crc says %,d bytes, the replay has %,d", v, crc.tableSizeBytes(), state.totalSize()));
            }
        } catch (DeltaLogException e) {
            problems.add(oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
