package io.deltasql.log.replay;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a table while its actions are applied in log order: the protocol's reconciliation
 * rule, in one place. Every reader of a whole log uses it, so they all agree on which files are
 * live: the snapshot replay ({@code SnapshotReplayer}), {@code deltasql validate}'s checks of each
 * checkpoint and {@code .crc} file.
 *
 * <p>The rule: the latest {@code protocol} and {@code metaData} win; the latest {@code txn} per
 * appId; the latest {@code domainMetadata} per domain; an {@code add} makes a logical file live and
 * a {@code remove} ends it, a logical file being keyed by {@link FileKey} (canonical path and
 * deletion-vector id, so {@code file:/x} and {@code /x} are the same file). A remove leaves a
 * tombstone until the same logical file is added again. {@code cdc}, {@code commitInfo},
 * {@code checkpointMetadata}, {@code sidecar} and unknown actions carry no table state.
 *
 * <p>Replaying from a checkpoint: {@link #reset()}, then apply the checkpoint's actions, then each
 * later commit's. Not thread-safe.
 */
public final class ReplayState implements ReplaySink {
    /** Order of {@link Snapshot#files()} and {@link Snapshot#tombstones()}: by path as written, then DV id. */
    private static final Comparator<AddFile> ADD_ORDER =
            Comparator.comparing(AddFile::path).thenComparing(AddFile::dvId);
    private static final Comparator<RemoveFile> REMOVE_ORDER =
            Comparator.comparing(RemoveFile::path).thenComparing(RemoveFile::dvId);

    /** What a state keeps besides the live files' keys. */
    public enum Detail {
        /** Whole adds, tombstones, txns and domains: what a {@link Snapshot} needs. */
        FULL,
        /**
         * Per live file only its path, size and deletion vector (an add's stats, partition values and
         * tags are dropped); no tombstones, txns or domains. For checks that compare file sets and
         * sizes over large tables, in a fraction of the memory. {@link #toSnapshot} is refused.
         */
        FILES_AND_SIZES
    }

    private final Detail detail;
    private Protocol protocol;
    private Metadata metadata;
    private final Map<FileKey, AddFile> files = new HashMap<>();
    private final Map<FileKey, RemoveFile> tombstones = new HashMap<>();
    private final Map<String, Txn> txns = new HashMap<>();
    private final Map<String, DomainMetadata> domains = new HashMap<>();

    public ReplayState(Detail detail) {
        this.detail = detail;
    }

    /** A state that keeps everything (for a {@link Snapshot}). */
    public ReplayState() {
        this(Detail.FULL);
    }

    public Detail detail() {
        return detail;
    }

    /** Applies one action, in log order. */
    public void apply(Action action) {
        if (action instanceof AddFile add) {
            FileKey key = FileKey.of(add.path(), add.dvId());
            files.put(key, detail == Detail.FULL ? add : slim(add));
            if (detail == Detail.FULL) {
                tombstones.remove(key);
            }
        } else if (action instanceof RemoveFile remove) {
            FileKey key = FileKey.of(remove.path(), remove.dvId());
            files.remove(key);
            if (detail == Detail.FULL) {
                tombstones.put(key, remove);
            }
        } else if (action instanceof Protocol p) {
            protocol = p;
        } else if (action instanceof Metadata m) {
            metadata = m;
        } else if (detail == Detail.FULL && action instanceof Txn t) {
            txns.put(t.appId(), t);
        } else if (detail == Detail.FULL && action instanceof DomainMetadata d) {
            domains.put(d.domain(), d);
        }
    }

    /** Forgets everything: the next actions are a checkpoint, the complete state on their own. */
    public void reset() {
        protocol = null;
        metadata = null;
        files.clear();
        tombstones.clear();
        txns.clear();
        domains.clear();
    }

    /** The latest protocol applied; null before any. */
    public Protocol protocol() {
        return protocol;
    }

    /** The latest metaData applied; null before any. */
    public Metadata metadata() {
        return metadata;
    }

    /** The live logical files by key (a read-only view; with {@link Detail#FILES_AND_SIZES}, slimmed adds). */
    public Map<FileKey, AddFile> liveFiles() {
        return Collections.unmodifiableMap(files);
    }

    public int fileCount() {
        return files.size();
    }

    /** Sum of the live files' sizes (a file without a size counts 0), as a {@code .crc} file's tableSizeBytes. */
    public long totalSize() {
        long total = 0;
        for (AddFile f : files.values()) {
            total += f.size() == null ? 0 : f.size();
        }
        return total;
    }

    /**
     * The state as a snapshot at {@code version}: files and tombstones sorted by (path, DV id),
     * removed domains left out. The caller checks that there is a protocol and a metaData (it knows
     * the table's location for the message).
     *
     * @throws IllegalStateException without a protocol or a metaData, or for a {@link Detail#FILES_AND_SIZES} state
     */
    public Snapshot toSnapshot(long version, long timestamp) {
        if (detail != Detail.FULL) {
            throw new IllegalStateException("a " + detail + " replay state keeps too little for a snapshot");
        }
        if (protocol == null || metadata == null) {
            throw new IllegalStateException("no " + (protocol == null ? "protocol" : "metaData") + " at version " + version);
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
        return new Snapshot(version, timestamp, protocol, metadata, live, removed, txns, liveDomains);
    }

    private static AddFile slim(AddFile a) {
        return new AddFile(a.path(), null, a.size(), null, null, null, null, a.deletionVector(), null, null, null, null);
    }
}
