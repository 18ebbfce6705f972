package io.deltasql.log.listing;

import io.deltasql.log.VersionRange;
import io.deltasql.log.checkpoint.CheckpointFiles;
import io.deltasql.log.checkpoint.CheckpointKind;
import io.deltasql.log.storage.FileEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Every file of {@code _delta_log/} classified by the protocol's naming rules, and the answers the
 * planner and the replayer need: latest version, checkpoints, earliest rebuildable version, gaps.
 * A listing may be partial ({@link #afterVersion()} ≥ 0): then it only knows what comes after that
 * version, which is all a resuming or polling reader needs.
 */
public final class LogListing {
    private final long afterVersion;
    private final NavigableMap<Long, FileEntry> commits = new TreeMap<>();
    private final NavigableMap<Long, CheckpointFiles> checkpoints = new TreeMap<>();
    private final NavigableMap<Long, FileEntry> checksums = new TreeMap<>();
    private final List<LogCompaction> compactions = new ArrayList<>();
    private final List<FileEntry> incompleteCheckpointParts = new ArrayList<>();
    private final List<FileEntry> ignored = new ArrayList<>();
    private FileEntry lastCheckpointFile;

    /**
     * @param entries      the files of {@code _delta_log/} (directories are not passed)
     * @param afterVersion -1 for a full listing; otherwise only entries of later versions are kept
     */
    public LogListing(List<FileEntry> entries, long afterVersion) {
        this.afterVersion = afterVersion;
        Map<Long, Map<Integer, TreeMap<Integer, FileEntry>>> parts = new TreeMap<>();
        Map<Long, Map<CheckpointKind, FileEntry>> singles = new TreeMap<>();
        for (FileEntry e : entries) {
            LogFileName n = LogFileName.parse(e.name());
            if (n.type() == LogFileName.Type.LAST_CHECKPOINT) {
                lastCheckpointFile = e;
                continue;
            }
            if (n.type() == LogFileName.Type.OTHER || n.version() <= afterVersion) {
                if (n.type() == LogFileName.Type.OTHER) {
                    ignored.add(e);
                }
                continue;
            }
            switch (n.type()) {
                case COMMIT -> commits.put(n.version(), e);
                case CHECKSUM -> checksums.put(n.version(), e);
                case COMPACTION -> compactions.add(new LogCompaction(n.version(), n.toVersion(), e));
                case CHECKPOINT_CLASSIC -> singles.computeIfAbsent(n.version(), k -> new TreeMap<>())
                        .put(CheckpointKind.CLASSIC, e);
                case CHECKPOINT_V2_JSON -> singles.computeIfAbsent(n.version(), k -> new TreeMap<>())
                        .putIfAbsent(CheckpointKind.V2_JSON, e);
                case CHECKPOINT_V2_PARQUET -> singles.computeIfAbsent(n.version(), k -> new TreeMap<>())
                        .putIfAbsent(CheckpointKind.V2_PARQUET, e);
                case CHECKPOINT_PART -> parts.computeIfAbsent(n.version(), k -> new TreeMap<>())
                        .computeIfAbsent(n.parts(), k -> new TreeMap<>()).put(n.part(), e);
                default -> ignored.add(e);
            }
        }
        parts.forEach((version, bySize) -> bySize.forEach((n, found) -> {
            if (found.size() == n) {
                checkpoints.putIfAbsent(version, new CheckpointFiles(version, CheckpointKind.MULTI_PART,
                        new ArrayList<>(found.values())));
            } else {
                incompleteCheckpointParts.addAll(found.values()); // a writer crashed mid-checkpoint
            }
        }));
        // One file per version wins; a V2 checkpoint is what a v2Checkpoint writer meant, and any
        // complete checkpoint holds the same state, so the choice only affects speed.
        singles.forEach((version, byKind) -> {
            for (CheckpointKind kind : List.of(CheckpointKind.V2_PARQUET, CheckpointKind.V2_JSON, CheckpointKind.CLASSIC)) {
                FileEntry e = byKind.get(kind);
                if (e != null) {
                    checkpoints.put(version, new CheckpointFiles(version, kind, List.of(e)));
                    return;
                }
            }
        });
    }

    /** -1 for a full listing, else the version this listing starts after. */
    public long afterVersion() {
        return afterVersion;
    }

    /** True when no commit and no complete checkpoint was found. */
    public boolean isEmpty() {
        return commits.isEmpty() && checkpoints.isEmpty();
    }

    /** The highest version with a commit or a complete checkpoint; -1 (or {@link #afterVersion()}) if none. */
    public long latestVersion() {
        long latest = afterVersion;
        if (!commits.isEmpty()) {
            latest = Math.max(latest, commits.lastKey());
        }
        if (!checkpoints.isEmpty()) {
            latest = Math.max(latest, checkpoints.lastKey());
        }
        return latest;
    }

    public Optional<FileEntry> commit(long version) {
        return Optional.ofNullable(commits.get(version));
    }

    public boolean hasCommit(long version) {
        return commits.containsKey(version);
    }

    /** Commit files by version, ascending. */
    public NavigableMap<Long, FileEntry> commits() {
        return Collections.unmodifiableNavigableMap(commits);
    }

    /** Complete checkpoints by version, ascending (incomplete multi-part sets are left out). */
    public NavigableMap<Long, CheckpointFiles> checkpoints() {
        return Collections.unmodifiableNavigableMap(checkpoints);
    }

    /** The latest complete checkpoint at or before {@code version}. */
    public Optional<CheckpointFiles> latestCheckpointAtOrBefore(long version) {
        Map.Entry<Long, CheckpointFiles> e = checkpoints.floorEntry(version);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** The earliest complete checkpoint at or after {@code version}. */
    public Optional<CheckpointFiles> earliestCheckpointAtOrAfter(long version) {
        Map.Entry<Long, CheckpointFiles> e = checkpoints.ceilingEntry(version);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }

    /** {@code v.crc} version checksum files by version, ascending. */
    public NavigableMap<Long, FileEntry> checksums() {
        return Collections.unmodifiableNavigableMap(checksums);
    }

    /** The {@code v.crc} version checksum file. */
    public Optional<FileEntry> checksum(long version) {
        return Optional.ofNullable(checksums.get(version));
    }

    public List<LogCompaction> compactions() {
        return List.copyOf(compactions);
    }

    /** Parts of multi-part checkpoints whose set is incomplete; never used for reading. */
    public List<FileEntry> incompleteCheckpointParts() {
        return List.copyOf(incompleteCheckpointParts);
    }

    /** Files that are no part of the log (Hadoop sidecars, writer markers, unknown names). */
    public List<FileEntry> ignored() {
        return List.copyOf(ignored);
    }

    /** The {@code _last_checkpoint} file, if listed; read it with {@link LastCheckpointHint#read}. */
    public Optional<FileEntry> lastCheckpointFile() {
        return Optional.ofNullable(lastCheckpointFile);
    }

    /**
     * The earliest version whose state can be rebuilt from this log: 0 when commit 0 exists,
     * otherwise the oldest complete checkpoint (early commits were cleaned up). Empty when
     * neither exists. Meaningful for full listings only.
     */
    public OptionalLong earliestRebuildableVersion() {
        if (commits.containsKey(0L)) {
            return OptionalLong.of(0);
        }
        return checkpoints.isEmpty() ? OptionalLong.empty() : OptionalLong.of(checkpoints.firstKey());
    }

    /**
     * Versions without a commit file between the first version this listing knows (the earliest
     * commit or checkpoint) and the latest. Cleaned-up history before the oldest checkpoint is not
     * a gap; a version whose only trace is a checkpoint is (its commit is missing).
     */
    public List<VersionRange> missingRanges() {
        List<VersionRange> ranges = new ArrayList<>();
        if (isEmpty()) {
            return ranges;
        }
        long first = Math.min(commits.isEmpty() ? Long.MAX_VALUE : commits.firstKey(),
                checkpoints.isEmpty() ? Long.MAX_VALUE : checkpoints.firstKey());
        long expected = first;
        for (long v : commits.keySet()) {
            if (v > expected) {
                ranges.add(new VersionRange(expected, v - 1));
            }
            expected = v + 1;
        }
        long latest = latestVersion();
        if (expected <= latest) {
            ranges.add(new VersionRange(expected, latest));
        }
        return ranges;
    }

    /** The next commit after {@code version}, to describe a gap. */
    public OptionalLong nextCommitAfter(long version) {
        Long next = commits.higherKey(version);
        return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }
}
