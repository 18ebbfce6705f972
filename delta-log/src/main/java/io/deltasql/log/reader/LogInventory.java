package io.deltasql.log.reader;

import io.deltasql.log.listing.LogListing;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * What a table's {@code _delta_log} holds, by version, as listed once: commits, complete
 * checkpoints and {@code .crc} checksum files. Made by {@link DeltaLog#inventory()}; hand it back to
 * {@link DeltaLog#commitStats(LogInventory)} and {@link DeltaLog#checkpointState} so they read
 * exactly the files this listing found, without listing again.
 */
public final class LogInventory {
    private final LogListing listing;

    LogInventory(LogListing listing) {
        this.listing = listing;
    }

    LogListing listing() {
        return listing;
    }

    /** The highest version with a commit or a complete checkpoint; -1 for an empty log. */
    public long latestVersion() {
        return listing.latestVersion();
    }

    /** True when the log has no commit and no complete checkpoint. */
    public boolean isEmpty() {
        return listing.isEmpty();
    }

    /** Versions with a commit file, ascending. */
    public NavigableSet<Long> commitVersions() {
        return Collections.unmodifiableNavigableSet(new TreeSet<>(listing.commits().keySet()));
    }

    /** Versions with a complete checkpoint (incomplete multi-part sets are not), ascending. */
    public NavigableSet<Long> checkpointVersions() {
        return Collections.unmodifiableNavigableSet(new TreeSet<>(listing.checkpoints().keySet()));
    }

    /** Versions with a {@code .crc} checksum file, ascending. */
    public NavigableSet<Long> checksumVersions() {
        return Collections.unmodifiableNavigableSet(new TreeSet<>(listing.checksums().keySet()));
    }

    public int commitCount() {
        return listing.commits().size();
    }

    public int checkpointCount() {
        return listing.checkpoints().size();
    }

    public boolean hasCheckpoint(long version) {
        return listing.checkpoints().containsKey(version);
    }

    public boolean hasChecksum(long version) {
        return listing.checksum(version).isPresent();
    }

    /** Whether {@code _delta_log} has a {@code _last_checkpoint} file (read it with {@link DeltaLog#lastCheckpointHint}). */
    public boolean hasLastCheckpointFile() {
        return listing.lastCheckpointFile().isPresent();
    }

    /** The size in bytes of the commit file of {@code version}; -1 when there is none. */
    public long commitBytes(long version) {
        return listing.commit(version).map(e -> e.size()).orElse(-1L);
    }

    /** The number of files of the complete checkpoint at {@code version} (parts, or a V2 top file); 0 when there is none. */
    public int checkpointFileCount(long version) {
        var cp = listing.checkpoints().get(version);
        return cp == null ? 0 : cp.files().size();
    }
}
