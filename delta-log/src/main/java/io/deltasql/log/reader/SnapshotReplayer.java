package io.deltasql.log.reader;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.action.Action;
import io.deltasql.log.checkpoint.CheckpointData;
import io.deltasql.log.checkpoint.CheckpointFiles;
import io.deltasql.log.checkpoint.CheckpointReader;
import io.deltasql.log.commit.CommitPrefetch;
import io.deltasql.log.commit.CommitReader;
import io.deltasql.log.listing.LogListing;
import io.deltasql.log.replay.ProtocolSupport;
import io.deltasql.log.replay.ReplaySink;
import io.deltasql.log.replay.ReplayState;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * Rebuilds the state at a version: the latest complete checkpoint at or before it, then every
 * commit after it up to the version, reconciled by {@link ReplayState} (the protocol's rule, shared
 * with every other whole-log reader). Holds the file map in memory; the streaming path is
 * {@code DeltaLog.versions}.
 */
public final class SnapshotReplayer {
    private final LogStorage storage;
    private final String logDir;
    private final String location;

    public SnapshotReplayer(LogStorage storage, String logDir, String location) {
        this.storage = storage;
        this.logDir = logDir;
        this.location = location;
    }

    public Snapshot replay(LogListing listing, long version) {
        ReplayState state = new ReplayState();
        long timestamp = replayInto(listing, version, state);
        checkComplete(state, version);
        return state.toSnapshot(version, timestamp);
    }

    /**
     * Replays the state at {@code version} into {@code sink} (a slimmer state than a snapshot's, for
     * readers that need less): the same base, order, checks and errors as {@link #replay}.
     */
    public <S extends ReplaySink> S replay(LogListing listing, long version, S sink) {
        replayInto(listing, version, sink);
        checkComplete(sink, version);
        return sink;
    }

    /** Applies the checkpoint base and the commits up to {@code version} to {@code state}; returns the version's time (0: unknown). */
    private long replayInto(LogListing listing, long version, ReplaySink state) {
        if (listing.isEmpty()) {
            throw new DeltaLogException(DeltaLogException.Kind.NOT_A_TABLE, location
                    + " has no commits or checkpoints in _delta_log (is this a Delta table?)");
        }
        long latest = listing.latestVersion();
        if (version > latest || version < 0) {
            throw new DeltaLogException(DeltaLogException.Kind.GAP, "version " + version + " of " + location
                    + " does not exist: the latest version is " + latest, null, version, null, null);
        }
        OptionalLong earliest = listing.earliestRebuildableVersion();
        Optional<CheckpointFiles> base = listing.latestCheckpointAtOrBefore(version);
        if (base.isEmpty() && !listing.hasCommit(0)) {
            throw new DeltaLogException(DeltaLogException.Kind.TRUNCATED, "log has been truncated: the earliest "
                    + "version that can be rebuilt is " + earliest.orElse(latest) + ", version " + version
                    + " of " + location + " cannot be read (ask for a later version)", null, version, null, null);
        }
        long firstCommit = base.map(c -> c.version() + 1).orElse(0L);
        for (long v = firstCommit; v <= version; v++) {
            if (!listing.hasCommit(v)) {
                throw gap(listing, v, version);
            }
        }

        Long timestamp = null;
        if (base.isPresent()) {
            applyCheckpoint(base.get(), state);
            if (base.get().version() == version) {
                timestamp = listing.commit(version)
                        .map(f -> CommitReader.read(storage, f, version).timestamp())
                        .orElse(base.get().files().get(0).modificationTime());
            }
        }
        // Commits are parsed ahead on other cores (most of a replay's time); applied here in order.
        try (CommitPrefetch<CommitReader.Commit> commits = new CommitPrefetch<>(
                LongStream.rangeClosed(firstCommit, version).iterator(),
                v -> CommitReader.read(storage, listing.commit(v).orElseThrow(), v),
                v -> listing.commit(v).map(FileEntry::size).orElse(0L), CommitPrefetch.parsingThreads(storage))) {
            for (long v = firstCommit; v <= version; v++) {
                CommitReader.Commit commit = commits.take(v);
                for (Action a : commit.actions()) {
                    state.apply(a);
                }
                timestamp = commit.timestamp();
            }
        }
        return timestamp == null ? 0 : timestamp;
    }

    /** Applies every action of {@code checkpoint} to {@code state} (which the caller has reset). */
    void applyCheckpoint(CheckpointFiles checkpoint, ReplaySink state) {
        CheckpointData data = CheckpointReader.open(storage, logDir, checkpoint);
        try (CloseableIterator<Action> it = (state.liveFilesOnly() ? data.liveFileActions() : data.actions()).open()) {
            while (it.hasNext()) {
                state.apply(it.next());
            }
        }
    }

    private DeltaLogException gap(LogListing listing, long missing, long version) {
        OptionalLong next = listing.nextCommitAfter(missing);
        String jump = next.isPresent()
                ? ": commits jump from " + (missing - 1) + " to " + next.getAsLong()
                : ": no commit after " + (missing - 1);
        return new DeltaLogException(DeltaLogException.Kind.GAP, "version " + missing + " is missing" + jump
                + " and no checkpoint at or before " + version + " covers it (" + location
                + " cannot be rebuilt at version " + version + ")", null, missing, null, null);
    }

    private void checkComplete(ReplaySink state, long version) {
        if (state.protocol() == null) {
            throw incomplete(version, "protocol");
        }
        ProtocolSupport.check(state.protocol(), version, location);
        if (state.metadata() == null) {
            throw incomplete(version, "metaData");
        }
    }

    private DeltaLogException incomplete(long version, String what) {
        return new DeltaLogException(DeltaLogException.Kind.INCOMPLETE_STATE, "table at version " + version
                + " has no " + what + " action: " + location + " cannot be read at that version (its log or "
                + "checkpoint lacks the " + what + ")", null, version, null, null);
    }
}
