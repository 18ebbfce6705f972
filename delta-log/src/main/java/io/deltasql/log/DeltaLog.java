package io.deltasql.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.MalformedActionException;
import io.deltasql.log.listing.LogFileName;
import io.deltasql.log.listing.LogListing;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.log.replay.SnapshotReplayer;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.log.storage.LogStorages;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Delta table's log: listing, planning and streaming versions, replaying snapshots. The one
 * entry point both drivers (CLI import, Kafka Connect source) use.
 */
public final class DeltaLog implements AutoCloseable {
    private final String location;
    private final String logDir;
    private final LogStorage storage;
    private final boolean ownsStorage;
    private final VersionPlanner planner;
    private final SnapshotReplayer replayer;
    /** The listing the last plan was made from; lets versions() find files without listing again. */
    private volatile LogListing plannedListing;

    private DeltaLog(String location, LogStorage storage, boolean ownsStorage) {
        this.location = stripSlash(location);
        this.storage = storage;
        this.ownsStorage = ownsStorage;
        this.logDir = storage.resolve(this.location, "_delta_log");
        this.planner = new VersionPlanner(this.location);
        this.replayer = new SnapshotReplayer(storage, logDir, this.location);
    }

    /** Opens the table at {@code location}; NOT_A_TABLE if it has no {@code _delta_log}. */
    public static DeltaLog open(String location, LogStorage storage) {
        DeltaLog log = new DeltaLog(location, storage, false);
        log.requireLogDir();
        return log;
    }

    /** Opens the table with the storage {@link LogStorages#forLocation} picks for it (closed with this log). */
    public static DeltaLog open(String location) {
        String uri = LogStorages.toUri(location).toString();
        LogStorage storage = LogStorages.forLocation(uri, Map.of());
        DeltaLog log = new DeltaLog(uri, storage, true);
        try {
            log.requireLogDir();
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    public String location() {
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

    /** Streams the plan's versions lazily: a version is read only when the iterator reaches it. */
    public CloseableIterator<VersionBatch> versions(VersionPlan plan) {
        LogListing listing = plannedListing;
        if (listing == null || (!plan.isEmpty() && listing.afterVersion() >= plan.steps().get(0).version())) {
            listing = plan.isEmpty() ? null : listingAfter(plan.steps().get(0).version() - 1);
        }
        return new VersionBatchIterator(storage, logDir, location, listing, plan);
    }

    /** The state at {@code version}: the latest checkpoint at or before it, then the commits. */
    public Snapshot snapshot(long version) {
        return replayer.replay(listing(), version);
    }

    public Snapshot latestSnapshot() {
        LogListing listing = listing();
        return replayer.replay(listing, listing.latestVersion());
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

    private static String stripSlash(String s) {
        return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
    }
}
