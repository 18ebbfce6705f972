package io.deltasql.log.replay;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import io.deltasql.log.checkpoint.CheckpointData;
import io.deltasql.log.checkpoint.CheckpointFiles;
import io.deltasql.log.checkpoint.CheckpointReader;
import io.deltasql.log.commit.CommitReader;
import io.deltasql.log.listing.LogListing;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rebuilds the state at a version: the latest complete checkpoint at or before it, then every
 * commit after it up to the version, reconciled by the protocol's rules (latest protocol and
 * metaData, latest txn per appId, latest domainMetadata per domain, logical files keyed by
 * (path, dvId)). Holds the file map in memory; the streaming path is {@code DeltaLog.versions}.
 */
public final class SnapshotReplayer {
    private static final Comparator<AddFile> ADD_ORDER =
            Comparator.comparing(AddFile::path).thenComparing(AddFile::dvId);
    private static final Comparator<RemoveFile> REMOVE_ORDER =
            Comparator.comparing(RemoveFile::path).thenComparing(RemoveFile::dvId);

    private final LogStorage storage;
    private final String logDir;
    private final String location;

    public SnapshotReplayer(LogStorage storage, String logDir, String location) {
        this.storage = storage;
        this.logDir = logDir;
        this.location = location;
    }

    public Snapshot replay(LogListing listing, long version) {
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

        State state = new State();
        Long timestamp = null;
        if (base.isPresent()) {
            CheckpointData data = CheckpointReader.open(storage, logDir, base.get());
            try (CloseableIterator<Action> it = data.actions().open()) {
                while (it.hasNext()) {
                    state.apply(it.next());
                }
            }
            if (base.get().version() == version) {
                timestamp = listing.commit(version)
                        .map(f -> CommitReader.read(storage, f, version).timestamp())
                        .orElse(base.get().files().get(0).modificationTime());
            }
        }
        for (long v = firstCommit; v <= version; v++) {
            FileEntry file = listing.commit(v).orElseThrow();
            CommitReader.Commit commit = CommitReader.read(storage, file, v);
            for (Action a : commit.actions()) {
                state.apply(a);
            }
            timestamp = commit.timestamp();
        }
        return state.toSnapshot(version, timestamp);
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

    /** The reconciled state while replaying. */
    private final class State {
        private Protocol protocol;
        private Metadata metadata;
        private final Map<String, Txn> txns = new HashMap<>();
        private final Map<String, DomainMetadata> domains = new HashMap<>();
        private final Map<FileKey, AddFile> files = new HashMap<>();
        private final Map<FileKey, RemoveFile> tombstones = new HashMap<>();

        void apply(Action action) {
            if (action instanceof AddFile add) {
                FileKey key = FileKey.of(add.path(), add.dvId());
                files.put(key, add);
                tombstones.remove(key);
            } else if (action instanceof RemoveFile remove) {
                FileKey key = FileKey.of(remove.path(), remove.dvId());
                files.remove(key);
                tombstones.put(key, remove);
            } else if (action instanceof Protocol p) {
                protocol = p;
            } else if (action instanceof Metadata m) {
                metadata = m;
            } else if (action instanceof Txn t) {
                txns.put(t.appId(), t);
            } else if (action instanceof DomainMetadata d) {
                domains.put(d.domain(), d);
            }
            // cdc, commitInfo, checkpointMetadata, sidecar and unknown actions carry no table state.
        }

        Snapshot toSnapshot(long version, Long timestamp) {
            if (protocol == null) {
                throw incomplete(version, "protocol");
            }
            ProtocolSupport.check(protocol, version, location);
            if (metadata == null) {
                throw incomplete(version, "metaData");
            }
            List<AddFile> live = new ArrayList<>(files.values());
            live.sort(ADD_ORDER);
            List<RemoveFile> removed = new ArrayList<>(tombstones.values());
            removed.sort(REMOVE_ORDER);
            Map<String, DomainMetadata> liveDomains = new HashMap<>();
            domains.forEach((name, d) -> {
                if (!d.isRemoved()) {
                    liveDomains.put(name, d);
                }
            });
            return new Snapshot(version, timestamp == null ? 0 : timestamp, protocol, metadata, live, removed, txns,
                    liveDomains);
        }

        private DeltaLogException incomplete(long version, String what) {
            return new DeltaLogException(DeltaLogException.Kind.INCOMPLETE_STATE, "table at version " + version
                    + " has no " + what + " action: " + location + " cannot be read at that version (its log or "
                    + "checkpoint lacks the " + what + ")", null, version, null, null);
        }
    }
}
