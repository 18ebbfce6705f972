package io.deltasql.cli.health;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLog;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionChecksum;
import io.deltasql.log.VersionPlan;
import io.deltasql.log.VersionRange;
import io.deltasql.log.action.Action;
import io.deltasql.log.commit.CommitReader;
import io.deltasql.log.listing.LogListing;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code deltasql validate SOURCE}: is this log fit to import? Readable; contiguous (or every gap
 * covered by a checkpoint); every commit parses; every checkpoint equals the replay of the commits
 * before it; every {@code .crc} checksum file agrees with the replay. Problems are collected, not
 * thrown, so the report names all of them at once.
 */
public final class SourceHealth {
    private SourceHealth() {
    }

    public static HealthReport check(String location, LogStorage storage) {
        List<HealthReport.Check> checks = new ArrayList<>();
        try (DeltaLog log = DeltaLog.open(location, storage); DeltaLog checkpoints = DeltaLog.open(location, storage)) {
            LogListing listing = log.listing(); // NOT_A_TABLE propagates: nothing else to say
            checks.add(new HealthReport.Check("Readable", true, String.format(
                    "versions up to %d: %,d commits, %,d checkpoints, %,d .crc files", listing.latestVersion(),
                    listing.commits().size(), listing.checkpoints().size(), countChecksums(listing)), List.of()));

            VersionPlan plan;
            try {
                plan = log.plan(0, null, false);
            } catch (DeltaLogException e) {
                checks.add(new HealthReport.Check("Contiguous", false, "not importable", List.of(oneLine(e.getMessage()))));
                checks.add(commitsParse(storage, listing));
                return new HealthReport(log.location(), checks);
            }
            List<String> gaps = new ArrayList<>();
            for (VersionRange r : plan.missingRanges()) {
                gaps.add("versions " + r.from() + (r.from() == r.to() ? "" : "-" + r.to()) + " missing, covered by a checkpoint");
            }
            checks.add(new HealthReport.Check("Contiguous", true, plan.missingRanges().isEmpty()
                    ? "no missing commits from version " + plan.firstVersion() + " to " + plan.lastVersion()
                    : String.join("; ", gaps) + (plan.checkpointBase() == null ? "" : " (history starts at checkpoint "
                    + plan.checkpointBase() + ")"), List.of()));
            checks.add(commitsParse(storage, listing));
            replayChecks(log, checkpoints, listing, plan, checks);
            return new HealthReport(log.location(), checks);
        }
    }

    private static HealthReport.Check commitsParse(LogStorage storage, LogListing listing) {
        List<String> problems = new ArrayList<>();
        long actions = 0;
        for (Map.Entry<Long, FileEntry> e : listing.commits().entrySet()) {
            try {
                actions += CommitReader.read(storage, e.getValue(), e.getKey()).actions().size();
            } catch (DeltaLogException ex) {
                problems.add(oneLine(ex.getMessage()));
            }
        }
        return new HealthReport.Check("Commits parse", problems.isEmpty(), problems.isEmpty()
                ? String.format("%,d commits, %,d actions", listing.commits().size(), actions)
                : String.format("%,d of %,d commits do not parse", problems.size(), listing.commits().size()), problems);
    }

    private static void replayChecks(DeltaLog log, DeltaLog checkpoints, LogListing listing, VersionPlan plan,
                                     List<HealthReport.Check> checks) {
        ReplayState state = new ReplayState();
        List<String> checkpointProblems = new ArrayList<>();
        List<String> checksumProblems = new ArrayList<>();
        int checkpointsCompared = 0;
        int checksumsCompared = 0;
        try (CloseableIterator<VersionBatch> batches = log.versions(plan)) {
            while (batches.hasNext()) {
                VersionBatch batch = batches.next();
                if (batch.origin() == Origin.CHECKPOINT) {
                    state.reset();
                }
                try (CloseableIterator<Action> actions = batch.actions().open()) {
                    while (actions.hasNext()) {
                        state.apply(actions.next());
                    }
                }
                long v = batch.version();
                if (batch.origin() == Origin.COMMIT && listing.checkpoints().containsKey(v)) {
                    checkpointsCompared++;
                    compareCheckpoint(checkpoints, v, state, checkpointProblems);
                }
                if (listing.checksum(v).isPresent()) {
                    checksumsCompared++;
                    compareChecksum(log, v, state, checksumProblems);
                }
            }
        } catch (DeltaLogException e) {
            checkpointProblems.add("replay stopped: " + oneLine(e.getMessage()));
        }
        checks.add(new HealthReport.Check("Checkpoints", checkpointProblems.isEmpty(),
                !checkpointProblems.isEmpty() && checkpointsCompared == 0 ? "could not be checked"
                : checkpointsCompared == 0 ? "no checkpoint after the first replayed version (nothing to compare; replay starts at "
                + plan.firstVersion() + ")"
                : String.format("%d checkpoint(s) compared with the replay of the commits before them", checkpointsCompared),
                checkpointProblems));
        checks.add(new HealthReport.Check("Checksums", checksumProblems.isEmpty(), checksumsCompared == 0
                ? "no .crc files (optional)" : String.format("%d .crc file(s) compared", checksumsCompared), checksumProblems));
    }

    private static void compareCheckpoint(DeltaLog checkpoints, long v, ReplayState replay, List<String> problems) {
        try {
            VersionPlan p = checkpoints.plan(v, v, true);
            ReplayState cp = new ReplayState();
            try (CloseableIterator<VersionBatch> it = checkpoints.versions(p)) {
                while (it.hasNext()) {
                    VersionBatch b = it.next();
                    if (b.origin() != Origin.CHECKPOINT || b.version() != v) {
                        problems.add("checkpoint " + v + ": the log reader did not deliver it as a base");
                        return;
                    }
                    try (CloseableIterator<Action> actions = b.actions().open()) {
                        while (actions.hasNext()) {
                            cp.apply(actions.next());
                        }
                    }
                }
            }
            List<String> diffs = new ArrayList<>();
            Map<String, Long> onlyCp = new HashMap<>(cp.files);
            replay.files.keySet().forEach(onlyCp::remove);
            Map<String, Long> onlyReplay = new HashMap<>(replay.files);
            cp.files.keySet().forEach(onlyReplay::remove);
            onlyCp.keySet().stream().sorted().limit(5).forEach(k -> diffs.add("only in the checkpoint: " + k));
            onlyReplay.keySet().stream().sorted().limit(5).forEach(k -> diffs.add("only in the commits' replay: " + k));
            if (!sameProtocol(cp, replay)) {
                diffs.add("protocol differs");
            }
            if (cp.metadata == null || replay.metadata == null
                    || !Objects.equals(cp.metadata.schemaString(), replay.metadata.schemaString())
                    || !Objects.equals(cp.metadata.id(), replay.metadata.id())) {
                diffs.add("metaData (id or schema) differs");
            }
            if (!diffs.isEmpty()) {
                problems.add(String.format("checkpoint %d disagrees with commits 0..%d (%,d vs %,d files): %s", v, v,
                        cp.files.size(), replay.files.size(), String.join("; ", diffs)));
            }
        } catch (DeltaLogException e) {
            problems.add("checkpoint " + v + ": " + oneLine(e.getMessage()));
        }
    }

    private static boolean sameProtocol(ReplayState a, ReplayState b) {
        if (a.protocol == null || b.protocol == null) {
            return a.protocol == b.protocol;
        }
        return Objects.equals(a.protocol.minReaderVersion(), b.protocol.minReaderVersion())
                && Objects.equals(a.protocol.minWriterVersion(), b.protocol.minWriterVersion())
                && Objects.equals(sorted(a.protocol.readerFeatures()), sorted(b.protocol.readerFeatures()))
                && Objects.equals(sorted(a.protocol.writerFeatures()), sorted(b.protocol.writerFeatures()));
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
            if (crc.numFiles() != null && crc.numFiles() != state.files.size()) {
                problems.add(String.format("version %d: .crc says %,d files, the replay has %,d", v, crc.numFiles(), state.files.size()));
            }
            if (crc.tableSizeBytes() != null && crc.tableSizeBytes() != state.totalSize()) {
                problems.add(String.format("version %d: .crc says %,d bytes, the replay has %,d", v, crc.tableSizeBytes(), state.totalSize()));
            }
        } catch (DeltaLogException e) {
            problems.add(oneLine(e.getMessage()));
        }
    }

    private static long countChecksums(LogListing listing) {
        long n = 0;
        for (Long v : listing.commits().keySet()) {
            if (listing.checksum(v).isPresent()) {
                n++;
            }
        }
        return n;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
