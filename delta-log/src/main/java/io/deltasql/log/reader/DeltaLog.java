package io.deltasql.log.reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.TableLocation;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionChecksum;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.MalformedActionException;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.checkpoint.CheckpointFiles;
import io.deltasql.log.commit.CommitPrefetch;
import io.deltasql.log.commit.CommitReader;
import io.deltasql.log.commit.CommitScanner;
import io.deltasql.log.listing.LogFileName;
import io.deltasql.log.listing.LastCheckpointHint;
import io.deltasql.log.listing.LogListing;
import io.deltasql.log.replay.ProtocolSupport;
import io.deltasql.log.replay.ReplaySink;
import io.deltasql.log.replay.ReplayState;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LocalLogStorage;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Delta table's log: listing, planning and streaming versions, replaying snapshots. The one
 * entry point both drivers (CLI import, Kafka Connect source) use.
 */
public final class DeltaLog implements AutoCloseable {
    private final TableLocation location;
    private final String logDir;
    private final LogStorage storage;
    private final boolean ownsStorage;
    private final VersionPlanner planner;
    private final SnapshotReplayer replayer;
    /** The listing the last plan was made from; lets versions() find files without listing again. */
    private volatile LogListing plannedListing;

    private DeltaLog(TableLocation location, LogStorage storage, boolean ownsStorage) {
        this.location = location;
        this.storage = storage;
        this.ownsStorage = ownsStorage;
        this.logDir = storage.resolve(location.toString(), "_delta_log");
        this.planner = new VersionPlanner(location.toString());
        this.replayer = new SnapshotReplayer(storage, logDir, location.toString());
    }

    /** Opens the table at {@code location} on {@code storage}; NOT_A_TABLE if it has no {@code _delta_log}. */
    public static DeltaLog open(TableLocation location, LogStorage storage) {
        DeltaLog log = new DeltaLog(location, storage, false);
        log.requireLogDir();
        return log;
    }

    /** {@link #open(TableLocation, LogStorage)} of {@link TableLocation#of(String) TableLocation.of(location)}. */
    public static DeltaLog open(String location, LogStorage storage) {
        return open(TableLocation.of(location), storage);
    }

    /**
     * Opens the table at {@code location} and closes {@code storage} when this log is closed: for a
     * storage opened just for this table (what {@code LogStorages.openLog} in delta-storage does).
     */
    public static DeltaLog openOwning(TableLocation location, LogStorage storage) {
        DeltaLog log = new DeltaLog(location, storage, true);
        try {
            log.requireLogDir();
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    /** {@link #openOwning(TableLocation, LogStorage)} of {@link TableLocation#of(String) TableLocation.of(location)}. */
    public static DeltaLog openOwning(String location, LogStorage storage) {
        return openOwning(TableLocation.of(location), storage);
    }

    /**
     * Opens a table on the local disk (a path or a {@code file:} URI) through {@link LocalLogStorage},
     * without Hadoop. Object stores: delta-storage's {@code LogStorages.openLog}.
     */
    public static DeltaLog openLocal(String location) {
        TableLocation local = TableLocation.of(location);
        if (!local.isLocal()) {
            throw new DeltaLogException(DeltaLogException.Kind.NOT_A_TABLE, location + " is not on the local disk "
                    + "(open it with delta-storage's LogStorages.openLog)");
        }
        return openOwning(local, new LocalLogStorage());
    }

    /** The table's location, canonical ({@link TableLocation#toString()}). */
    public String location() {
        return location.toString();
    }

    public TableLocation tableLocation() {
        return location;
    }

    /** Lists the whole {@code _delta_log} now. */
    public LogListing listing() {
        return new LogListing(list(null), -1);
    }

    /** Lists only the files of versions after {@code version}: cheap polling and resume. */
    public LogListing listingAfter(long version) {
        if (version < 0) {
            return listing();
        }
        return new LogListing(list(LogFileName.versionPrefix(version)), version);
    }

    /**
     * Plans versions {@code fromVersion..upToVersion} (null = latest now; fixed from here on).
     * Gaps nothing covers fail HERE, before anything streams. Nothing after the latest version is
     * an empty plan, not an error.
     */
    public VersionPlan plan(long fromVersion, Long upToVersion, boolean checkpointOnly) {
        LogListing listing = fromVersion > 0 ? listingAfter(fromVersion - 1) : listing();
        VersionPlan plan = planner.plan(listing, fromVersion, upToVersion, checkpointOnly);
        plannedListing = listing;
        return plan;
    }

    /**
     * The latest checkpoint at or before {@code version} in the listing the last {@link #plan} read
     * (whether the plan starts from it or not); empty before any plan, or when there is none. So an
     * import can say which checkpoint it found without listing the log again.
     */
    public java.util.OptionalLong plannedCheckpointAtOrBefore(long version) {
        LogListing listing = plannedListing;
        if (listing == null) {
            return java.util.OptionalLong.empty();
        }
        return listing.latestCheckpointAtOrBefore(version).map(c -> java.util.OptionalLong.of(c.version()))
                .orElse(java.util.OptionalLong.empty());
    }

    /**
     * Streams the plan's versions lazily: a version is read when the iterator reaches it, or, on an
     * object store, up to the storage's {@link LogStorage#readsAhead()} commits before.
     */
    public CloseableIterator<VersionBatch> versions(VersionPlan plan) {
        return versions(plan, storage.readsAhead());
    }

    /**
     * {@link #versions(VersionPlan)} with at most {@code maxReadsAhead} commits read at once (1: one at
     * a time): a reader that keeps many tables' streams open at once bounds each one's threads and memory.
     */
    public CloseableIterator<VersionBatch> versions(VersionPlan plan, int maxReadsAhead) {
        return new VersionBatchIterator(storage, logDir, location.toString(), listingFor(plan), plan,
                Math.min(maxReadsAhead, storage.readsAhead()));
    }

    private LogListing listingFor(VersionPlan plan) {
        LogListing listing = plannedListing;
        if (listing == null || (!plan.isEmpty() && listing.afterVersion() >= plan.steps().get(0).version())) {
            listing = plan.isEmpty() ? null : listingAfter(plan.steps().get(0).version() - 1);
        }
        return listing;
    }

    /** What {@link #scan} reports, version by version. */
    public interface ActionScan extends CommitScanner.Visitor {
        /** Before the actions of each version of the plan. */
        void version(long version, Origin origin);
    }

    /**
     * Reads the plan's versions as {@link #versions} does — the same files, the same errors (a damaged
     * commit, a protocol this reader refuses), in the same order — for a caller that only counts: a
     * commit's add and remove lines are checked and measured without being built
     * ({@link CommitScanner}), its other actions are built; a checkpoint's actions stream as from
     * {@link #versions}. Nothing is kept from one version to the next.
     */
    public void scan(VersionPlan plan, ActionScan scan) {
        VersionBatchIterator files = new VersionBatchIterator(storage, logDir, location.toString(), listingFor(plan), plan, 1);
        CommitScanner scanner = new CommitScanner();
        if (storage.readsAhead() <= 1) {
            scan(plan, scan, files, scanner, null); // a local disk: each commit read into the scanner's own buffer
            return;
        }
        // An object store's commits are fetched ahead, so their round trips overlap; scanned here in order.
        try (CommitPrefetch<byte[]> ahead = new CommitPrefetch<>(plan.commitVersions(),
                v -> CommitScanner.readBytes(storage, files.commitFile(v)), files::listedCommitSize, storage.readsAhead())) {
            scan(plan, scan, files, scanner, ahead);
        }
    }

    private void scan(VersionPlan plan, ActionScan scan, VersionBatchIterator files, CommitScanner scanner,
                      CommitPrefetch<byte[]> ahead) {
        for (VersionStep step : plan.steps()) {
            long v = step.version();
            scan.version(v, step.origin());
            if (step.origin() == Origin.COMMIT) {
                FileEntry file = files.commitFile(v);
                List<Action> built = ahead == null ? scanner.scan(storage, file, v, scan)
                        : scanner.scan(storage, file, v, ahead.take(v), scan);
                for (Action a : built) {
                    if (a instanceof Protocol p) {
                        ProtocolSupport.check(p, v, location.toString());
                    }
                }
            } else {
                try (CloseableIterator<Action> actions = files.checkpointBatch(v).actions().open()) {
                    while (actions.hasNext()) {
                        scan.action(actions.next());
                    }
                }
            }
        }
    }

    /** The state at {@code version}: the latest checkpoint at or before it, then the commits. */
    public Snapshot snapshot(long version) {
        return replayer.replay(listing(), version);
    }

    private LogListing commitsOnly() {
        List<FileEntry> commits = list(null).stream()
                .filter(e -> LogFileName.parse(e.name()).type() == LogFileName.Type.COMMIT).toList();
        return new LogListing(commits, -1);
    }

    /**
     * Replays the state at {@code version} into {@code sink} — a state that keeps less than a
     * {@link Snapshot}, e.g. {@link io.deltasql.log.replay.LiveFileSizes} for a validation of a big
     * table — with the same errors as {@link #snapshot}.
     */
    public <S extends ReplaySink> S replay(long version, S sink) {
        return replayer.replay(listing(), version, sink);
    }

    /**
     * {@link #replay(long, ReplaySink)} from the commits alone, every checkpoint ignored: for a
     * checkpoint that cannot be read while the commits it covers are all still there. GAP or
     * TRUNCATED when they are not.
     */
    public <S extends ReplaySink> S replayCommits(long version, S sink) {
        return replayer.replay(commitsOnly(), version, sink);
    }

    public Snapshot latestSnapshot() {
        LogListing listing = listing();
        return replayer.replay(listing, listing.latestVersion());
    }

    /** Lists the whole {@code _delta_log} now: which versions have commits, checkpoints, checksums. */
    public LogInventory inventory() {
        return new LogInventory(listing());
    }

    /**
     * Reads every commit of {@code inventory} on its own, in version order, one at a time: its
     * action count, or why it cannot be read. Failures are collected, never thrown.
     */
    public List<CommitStats> commitStats(LogInventory inventory) {
        Map<Long, FileEntry> commits = inventory.listing().commits();
        List<CommitStats> out = new ArrayList<>(commits.size());
        // Read and parsed ahead on other threads (on an object store, 16 GETs in flight), counted in order.
        try (CommitPrefetch<CommitStats> ahead = new CommitPrefetch<>(
                commits.keySet().stream().mapToLong(Long::longValue).iterator(),
                v -> commitStats(v, commits.get(v)), v -> commits.get(v).size(), CommitPrefetch.parsingThreads(storage))) {
            for (long v : commits.keySet()) {
                out.add(ahead.take(v));
            }
        }
        return out;
    }

    private CommitStats commitStats(long version, FileEntry file) {
        try {
            CommitReader.Commit commit = CommitReader.read(storage, file, version);
            return new CommitStats(version, commit.actions().size(), commit.timestamp(), null);
        } catch (DeltaLogException failure) {
            return new CommitStats(version, 0, 0, failure);
        }
    }

    /**
     * The state the checkpoint at {@code version} holds on its own (no commit applied), to compare
     * with the replay of the commits before it.
     *
     * @throws IllegalArgumentException when {@code inventory} has no complete checkpoint at {@code version}
     * @throws DeltaLogException        CORRUPT_CHECKPOINT (or IO) when it cannot be read
     */
    public ReplayState checkpointState(LogInventory inventory, long version, ReplayState.Detail detail) {
        CheckpointFiles checkpoint = inventory.listing().checkpoints().get(version);
        if (checkpoint == null) {
            throw new IllegalArgumentException("no complete checkpoint at version " + version + " of " + location);
        }
        ReplayState state = new ReplayState(detail);
        replayer.applyCheckpoint(checkpoint, state);
        return state;
    }

    /**
     * What {@code _last_checkpoint} claims, when {@code inventory} listed one that reads as a hint;
     * empty when there is none or it cannot be read (see {@link LogInventory#hasLastCheckpointFile}).
     * For health checks: the reader itself never trusts the hint over the listing.
     */
    public Optional<LastCheckpointHint> lastCheckpointHint(LogInventory inventory) {
        return inventory.listing().lastCheckpointFile().flatMap(f -> LastCheckpointHint.read(storage, f));
    }

    /** What {@link #replay} calls after each version: the batch just applied and the state at its version. */
    @FunctionalInterface
    public interface ReplayVisitor {
        void afterVersion(VersionBatch batch, ReplayState state);
    }

    /**
     * Streams the plan's versions into {@code state} in order (a checkpoint base resets it first, as
     * it is the whole state on its own) and calls {@code visitor} after each version. What the state
     * is after version v equals {@link #snapshot(long) snapshot(v)}'s files. Fails as
     * {@link #versions} does; the state then holds the versions before the failure.
     */
    public void replay(VersionPlan plan, ReplayState state, ReplayVisitor visitor) {
        try (CloseableIterator<VersionBatch> batches = versions(plan)) {
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
                visitor.afterVersion(batch, state);
            }
        }
    }

    /** The writer's {@code v.crc} checksum of {@code version}, if the log has one. */
    public Optional<VersionChecksum> checksum(long version) {
        String name = LogFileName.versionPrefix(version) + ".crc";
        String path = storage.resolve(logDir, name);
        try {
            FileEntry entry = storage.stat(path);
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = storage.open(path)) {
                JsonNode root = ActionCodec.mapper().readTree(in);
                if (root == null || !root.isObject()) {
                    throw new IOException("not a JSON object");
                }
                return Optional.of(VersionChecksum.fromJson(root));
            }
        } catch (JsonProcessingException | MalformedActionException | ClassCastException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new DeltaLogException(DeltaLogException.Kind.PARSE, "cannot parse the checksum of version " + version
                    + " in _delta_log/" + name + ": " + String.valueOf(reason).replaceAll("\\s+", " ")
                    + " (delete or restore that file)", "_delta_log/" + name, version, null, e);
        } catch (IOException e) {
            throw new DeltaLogException(DeltaLogException.Kind.IO, "cannot read _delta_log/" + name + " of " + location
                    + ": " + e.getMessage() + " (check the storage and retry)", "_delta_log/" + name, version, null, e);
        }
    }

    @Override
    public void close() {
        if (ownsStorage) {
            try {
                storage.close();
            } catch (IOException e) {
                throw new DeltaLogException(DeltaLogException.Kind.IO, "cannot close storage of " + location + ": "
                        + e.getMessage());
            }
        }
    }

    private void requireLogDir() {
        FileEntry dir;
        try {
            dir = storage.stat(logDir);
        } catch (IOException e) {
            throw new DeltaLogException(DeltaLogException.Kind.IO, "cannot read " + logDir + ": " + e.getMessage()
                    + " (check the location and the storage settings)", null, null, null, e);
        }
        if (dir == null) {
            throw new DeltaLogException(DeltaLogException.Kind.NOT_A_TABLE, location + " is not a Delta table: it has "
                    + "no _delta_log directory (check the path)");
        }
    }

    private List<FileEntry> list(String startAfter) {
        try {
            return storage.list(logDir, startAfter);
        } catch (IOException e) {
            throw new DeltaLogException(DeltaLogException.Kind.IO, "cannot list " + logDir + ": " + e.getMessage()
                    + " (check the storage and retry)", null, null, null, e);
        }
    }

}
