package io.deltasql.log.reader;

import io.deltasql.log.ActionJson;
import io.deltasql.log.ActionSource;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.checkpoint.CheckpointData;
import io.deltasql.log.checkpoint.CheckpointFiles;
import io.deltasql.log.checkpoint.CheckpointReader;
import io.deltasql.log.commit.CommitPrefetch;
import io.deltasql.log.commit.CommitReader;
import io.deltasql.log.listing.LogFileName;
import io.deltasql.log.listing.LogListing;
import io.deltasql.log.replay.ProtocolSupport;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * Produces a plan's {@link VersionBatch}es one at a time. A commit is parsed whole before its batch
 * is handed out (commits are small, and its action count and timestamp must be known up front),
 * and on an object store the commits after it are read and parsed ahead ({@link CommitPrefetch},
 * the storage's {@link LogStorage#readsAhead()}): one read at a time would wait a round trip per
 * version. A local log is read on the consumer's thread: there the import's writer and the server
 * keep both cores busy, and parsing ahead made a 100k-version import ~1 s slower
 * (docs/performance.md). A commit's error still surfaces at its own version, after every earlier
 * batch. A checkpoint is only opened, its actions stream from the checkpoint reader when the
 * consumer opens them, so a base of millions of files never sits in memory. A protocol this reader must
 * refuse (unknown reader version or feature, catalog-managed) stops the stream, as it stops replay.
 */
final class VersionBatchIterator implements CloseableIterator<VersionBatch> {
    private final LogStorage storage;
    private final String logDir;
    private final String location;
    private final LogListing listing;
    private final VersionPlan plan;
    private final Iterator<VersionStep> steps;
    private final int readsAhead;
    private CommitPrefetch<CommitReader.Commit> commits; // from the first commit batch on

    /** @param readsAhead commits read at once, ahead of the consumer (1: each when its batch is asked for) */
    VersionBatchIterator(LogStorage storage, String logDir, String location, LogListing listing, VersionPlan plan,
                         int readsAhead) {
        this.storage = storage;
        this.logDir = logDir;
        this.location = location;
        this.listing = listing;
        this.plan = plan;
        this.steps = plan.steps().iterator();
        this.readsAhead = readsAhead;
    }

    @Override
    public boolean hasNext() {
        return steps.hasNext();
    }

    @Override
    public VersionBatch next() {
        if (!steps.hasNext()) {
            throw new NoSuchElementException();
        }
        VersionStep step = steps.next();
        return step.origin() == Origin.COMMIT ? commitBatch(step.version()) : checkpointBatch(step.version());
    }

    private VersionBatch commitBatch(long version) {
        if (commits == null) {
            commits = new CommitPrefetch<>(plan.commitVersions(), v -> CommitReader.read(storage, commitFile(v), v),
                    this::listedCommitSize, readsAhead);
        }
        CommitReader.Commit commit = commits.take(version);
        List<Action> actions = commit.actions();
        for (Action a : actions) {
            if (a instanceof Protocol p) {
                ProtocolSupport.check(p, version, location); // refuse before the version reaches a writer
            }
        }
        return new VersionBatch(version, Origin.COMMIT, commit.timestamp(), actions.size(),
                new CommitActions(actions, commit.json()));
    }

    /** The listed size of commit {@code version}; 0 when the listing lacks it (reading it then says why). */
    long listedCommitSize(long version) {
        return listing == null ? 0 : listing.commit(version).map(FileEntry::size).orElse(0L);
    }

    /** The commit file of {@code version}: from the listing, else from the storage (GAP when it is gone). */
    FileEntry commitFile(long version) {
        FileEntry file = listing == null ? null : listing.commit(version).orElse(null);
        return file != null ? file : stat(storage.resolve(logDir, LogFileName.commitName(version)), version);
    }

    VersionBatch checkpointBatch(long version) {
        CheckpointFiles files = listing == null ? null : listing.checkpoints().get(version);
        if (files == null) {
            files = relist(version);
        }
        if (files == null) {
            throw new DeltaLogException(DeltaLogException.Kind.CORRUPT_CHECKPOINT, "the checkpoint of version "
                    + version + " of " + location + " is gone since planning (log cleanup?); plan again",
                    null, version, null, null);
        }
        CheckpointData data = CheckpointReader.open(storage, logDir, files);
        // A checkpoint's protocol is refused on sight (not read twice to look at it first; the writer
        // rolls a refused version back).
        ActionSource checked = () -> CloseableIterator.peeking(data.actions().open(), a -> {
            if (a instanceof Protocol p) {
                ProtocolSupport.check(p, version, location);
            }
        });
        return new VersionBatch(version, Origin.CHECKPOINT, files.files().get(0).modificationTime(),
                data.actionCount(), checked);
    }

    /** The checkpoint of {@code version} from a fresh listing (the plan came from another listing). */
    private CheckpointFiles relist(long version) {
        try {
            String after = version == 0 ? null : LogFileName.versionPrefix(version - 1);
            return new LogListing(storage.list(logDir, after), version - 1).checkpoints().get(version);
        } catch (IOException e) {
            throw new DeltaLogException(DeltaLogException.Kind.IO, "cannot list " + logDir + ": " + e.getMessage()
                    + " (check the storage and retry)", null, version, null, e);
        }
    }

    private FileEntry stat(String path, long version) {
        try {
            FileEntry e = storage.stat(path);
            if (e == null) {
                throw new DeltaLogException(DeltaLogException.Kind.GAP, "commit " + version + " of " + location
                        + " is gone since planning (log cleanup?); plan again", path, version, null, null);
            }
            return e;
        } catch (IOException e) {
            throw new DeltaLogException(DeltaLogException.Kind.IO, "cannot read " + path + ": " + e.getMessage()
                    + " (check the storage and retry)", path, version, null, e);
        }
    }

    /** Stops the reads ahead (a consumer that stops early drops the commits it did not take). */
    @Override
    public void close() {
        if (commits != null) {
            commits.close();
        }
    }

    /** A commit's already-read actions, re-openable; with JSON, the commit's own lines where they are one action each. */
    private record CommitActions(List<Action> actions, List<String> json) implements ActionSource {
        @Override
        public CloseableIterator<Action> open() {
            return new ListIterator<>(actions.size(), actions::get);
        }

        @Override
        public CloseableIterator<ActionJson> openJson() {
            return new ListIterator<>(actions.size(), i -> {
                String line = json.get(i);
                return line != null ? ActionJson.of(actions.get(i), line) : ActionJson.of(actions.get(i));
            });
        }
    }

    /** Iteration over {@code size} elements of a list held in memory. */
    private static final class ListIterator<T> implements CloseableIterator<T> {
        private final int size;
        private final IntFunction<T> element;
        private int next;

        ListIterator(int size, IntFunction<T> element) {
            this.size = size;
            this.element = element;
        }

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public T next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return element.apply(next++);
        }

        @Override
        public void close() {
        }
    }
}
