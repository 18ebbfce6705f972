package io.deltasql.log.reader;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionRange;
import io.deltasql.log.checkpoint.CheckpointFiles;
import io.deltasql.log.listing.LogListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides which versions to deliver and from where: commits while they exist; a checkpoint base
 * where history was cleaned up or where a gap is covered by a later checkpoint (the gap is
 * recorded, never invented); an error where nothing covers a gap.
 */
final class VersionPlanner {
    private final String location;

    VersionPlanner(String location) {
        this.location = location;
    }

    VersionPlan plan(LogListing listing, long fromVersion, Long upToVersion, boolean checkpointOnly) {
        if (fromVersion < 0) {
            throw new IllegalArgumentException("fromVersion must be >= 0, was " + fromVersion);
        }
        long latest = listing.latestVersion();
        long last = upToVersion == null ? latest : upToVersion;
        if (upToVersion != null && upToVersion > latest) {
            throw new DeltaLogException(DeltaLogException.Kind.GAP, "version " + upToVersion + " of " + location
                    + " does not exist yet: the latest version is " + latest + " (ask for " + latest
                    + " or less, or wait for the writer)", null, upToVersion, null, null);
        }
        if (fromVersion > last) {
            return new VersionPlan(fromVersion, last, null, List.of(), List.of()); // nothing new: resume is idle
        }
        if (listing.isEmpty()) {
            throw new DeltaLogException(DeltaLogException.Kind.NOT_A_TABLE, location
                    + " has no commits or checkpoints in _delta_log (is this a Delta table?)");
        }
        List<VersionStep> steps = new ArrayList<>();
        List<VersionRange> missing = new ArrayList<>();
        Long base = null;
        long v = fromVersion;
        if (checkpointOnly) {
            Optional<CheckpointFiles> cp = listing.latestCheckpointAtOrBefore(last);
            if (cp.isPresent() && cp.get().version() >= fromVersion) {
                base = cp.get().version();
                steps.add(new VersionStep(base, Origin.CHECKPOINT));
                v = base + 1;
            }
        }
        while (v <= last) {
            if (listing.hasCommit(v)) {
                steps.add(new VersionStep(v, Origin.COMMIT));
                v++;
                continue;
            }
            Optional<CheckpointFiles> cover = listing.earliestCheckpointAtOrAfter(v);
            if (cover.isEmpty() || cover.get().version() > last) {
                throw gap(listing, v, last);
            }
            long c = cover.get().version();
            if (c > v) {
                missing.add(new VersionRange(v, c - 1));
            }
            if (base == null) {
                base = c;
            }
            steps.add(new VersionStep(c, Origin.CHECKPOINT));
            v = c + 1;
        }
        return new VersionPlan(fromVersion, last, base, missing, steps);
    }

    private DeltaLogException gap(LogListing listing, long v, long last) {
        OptionalLong next = listing.nextCommitAfter(v);
        String detail;
        boolean previousKnown = listing.commits().lowerKey(v) != null || listing.afterVersion() == v - 1;
        if (!previousKnown) {
            detail = "the log has no commit " + v + " and no checkpoint at or after it up to " + last
                    + " (history was cleaned up)";
        } else {
            detail = "commits jump from " + (v - 1) + " to " + (next.isPresent() ? next.getAsLong() : "nothing")
                    + " and no checkpoint up to " + last + " covers it";
        }
        return new DeltaLogException(DeltaLogException.Kind.GAP, "version " + v + " is missing: " + detail + " ("
                + location + "; restore the commit file, or import from a later checkpoint)", null, v, null, null);
    }
}
