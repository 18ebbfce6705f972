package io.deltasql.cli.importer;

import io.deltasql.cli.output.SnapshotDocument;
import io.deltasql.cli.output.Snapshots;
import io.deltasql.cli.report.TableInfo;
import io.deltasql.cli.validation.GuideReport;
import io.deltasql.cli.validation.ValidationView;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.Futures;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionRange;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.replay.LiveFileKeys;
import io.deltasql.log.replay.LiveFileSizes;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.TableProvenance;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.read.SnapshotStream;
import io.deltasql.store.read.VersionInfo;
import io.deltasql.store.validate.ComparedSnapshot;
import io.deltasql.store.validate.ValidationReport;
import io.deltasql.store.validate.Validator;
import io.deltasql.store.write.WriterOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * The CLI's one door to sink-writer's store contract ({@link MetadataStore}): table registration,
 * the writer, snapshots, provenance and validation. It holds no SQL and does not know which store
 * (PostgreSQL or SQLite) the target names; commands and the import runner see only this class.
 */
public final class TargetDatabase implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TargetDatabase.class);
    private final MetadataStore store;

    private TargetDatabase(MetadataStore store) {
        this.store = store;
    }

    /** Connects and creates or upgrades the dl_* schema (never used by --dry-run). */
    public static TargetDatabase connect(StoreTarget target) {
        return new TargetDatabase(Stores.connect(target));
    }

    /**
     * Opens for reading only (snapshot, info, compare): no migration, nothing created. A store of an
     * older schema is refused in one line naming {@code deltasql upgrade}; one without dl_* tables is
     * "not imported".
     */
    public static TargetDatabase openReadOnly(StoreTarget target) {
        return new TargetDatabase(Stores.openReadOnly(target));
    }

    public StoreTarget target() {
        return store.target();
    }

    public Optional<RegisteredTable> find(String name) {
        return store.find(name);
    }

    /** Throws, naming the writer, while another writer (an import still running) has the table. */
    public void requireNoWriter(RegisteredTable table) {
        store.requireNoWriter(table);
    }

    /** The registered table, or a one-line error naming where the store looked. */
    public RegisteredTable require(String name) {
        return store.require(name);
    }

    public RegisteredTable register(String name, String location, boolean force) {
        return store.register(name, location, force);
    }

    public void importStarted(RegisteredTable table, String mode) {
        String v = TargetDatabase.class.getPackage().getImplementationVersion();
        store.importStarted(table, mode, "deltasql " + (v == null ? "development" : v));
    }

    public void importFinished(RegisteredTable table, long head) {
        store.importFinished(table, head);
    }

    /**
     * The writer. {@code groupCommit}: several whole versions per transaction (sink-writer's default
     * grouping), far fewer commits on a log of many small versions; a crash still loses only whole
     * uncommitted versions, which --resume re-imports. Off: exactly one transaction per version.
     */
    public VersionWriter writer(RegisteredTable table, boolean groupCommit) {
        return groupCommit ? store.writer(table, WriterOptions.defaults()) : store.writer(table);
    }

    /** The table's head as the store has committed it (−1 before any version). */
    public long head(RegisteredTable table) {
        return store.queries().head(table);
    }

    /**
     * Streams the snapshot {@code at} selects: its head, then at most {@code maxFiles} files
     * (negative: all) straight from the store's cursor (sink-writer's {@code SnapshotQueries.stream}).
     */
    public void streamSnapshot(RegisteredTable table, SnapshotStream.At at, long maxFiles, SnapshotStream sink) {
        store.queries().stream(table, at, maxFiles, sink);
    }

    /**
     * The validation report at {@code version}: the log's replayed snapshot vs the store's. A
     * checkpoint that cannot be read is not needed when every commit it covers is there: the log
     * side is then replayed from the commits, with a warning and a note in the report.
     */
    public ValidationView validate(DeltaLog log, RegisteredTable table, long version, Consumer<String> warn) {
        return validate(beginLogSide(log, version, warn), table, version);
    }

    /**
     * Starts replaying the log's side of a validation at {@code version} on a thread of its own: an
     * import begins it before its writer closes, so the replay (the client's work) runs while the
     * writer's close settles its pending ends (the server's). It reads only the log.
     */
    public static LogSide beginLogSide(DeltaLog log, long version, Consumer<String> warn) {
        LogSide side = new LogSide(log, version, warn);
        Thread replay = new Thread(side.task, "deltasql-validation-log");
        replay.setDaemon(true);
        replay.start();
        return side;
    }

    /**
     * The log's side of a validation at {@code version} from what an import read itself: {@code files}
     * holds the replay of every version from 0 as the import's writer received them
     * ({@link io.deltasql.log.replay.ReplayTap}), so the log is not read a second time. The files are
     * named, should a difference be listed, by a replay of the log.
     */
    public static LogSide logSideOf(DeltaLog log, long version, LiveFileSizes files) {
        LogSide side = new LogSide(log, version, () -> logSide(log, version, files, false));
        side.task.run();
        return side;
    }

    /** The log's side of a validation, replaying from {@link #beginLogSide}; {@link #cancel} when it will not be used. */
    public static final class LogSide {
        private final List<String> notes = new ArrayList<>();
        private final DeltaLog log;
        private final FutureTask<ComparedSnapshot> task;
        private final long version;
        /** How the side is made, for the debug line: a replay of the log, or what the import read. */
        private final String made;
        private final long startNanos = System.nanoTime();

        private LogSide(DeltaLog log, long version, Consumer<String> warn) {
            this.log = log;
            this.version = version;
            this.made = "replayed from the log";
            this.task = new FutureTask<>(() -> fileSide(log, version, notes, warn));
        }

        private LogSide(DeltaLog log, long version, Callable<ComparedSnapshot> side) {
            this.log = log;
            this.version = version;
            this.made = "built from what the import read";
            this.task = new FutureTask<>(side);
        }

        private ComparedSnapshot await() {
            try {
                ComparedSnapshot side = task.get();
                LOG.debug("validation: the log's snapshot at version {} {} in {} ms ({} live files)", version, made,
                        millisSince(startNanos), side.numFiles());
                return side;
            } catch (ExecutionException e) {
                throw Futures.failure(e, "replaying the log's snapshot");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replaying the log's snapshot", e);
            }
        }

        /** Stops the replay (its result will not be read). */
        public void cancel() {
            task.cancel(true);
        }
    }

    /**
     * The validation report of a log side begun earlier against the store's side at the same version.
     * With room in the heap the store's side (much of it the server's work) is read on this thread
     * while the log's replays on its own; in a smaller heap only once the log's is done.
     */
    public ValidationView validate(LogSide logSide, RegisteredTable table, long version) {
        long t0 = System.nanoTime();
        long maxHeap = Runtime.getRuntime().maxMemory();
        boolean together = sidesFitTogether(maxHeap);
        LOG.debug("validation: the store's side read {} the log's (heap {} MB)", together ? "beside" : "after", maxHeap >> 20);
        ComparedSnapshot fileSide = together ? null : logSide.await();
        ComparedSnapshot sqlSide;
        try {
            sqlSide = ComparedSnapshot.ofStore(store.queries(), table, version);
        } catch (RuntimeException | Error e) {
            logSide.cancel();
            throw e;
        }
        LOG.debug("validation: the SQL snapshot at version {} read in {} ms", version, millisSince(t0));
        if (fileSide == null) {
            fileSide = logSide.await();
        }
        ValidationReport report = Validator.compare(table.name(), fileSide, sqlSide, logSide.log.checksum(version));
        ValidationView view = GuideReport.of(report, Snapshots.headOf(fileSide), Snapshots.headOf(sqlSide)).withNotes(logSide.notes);
        if (LOG.isDebugEnabled()) {
            for (ValidationView.Check check : view.checks()) {
                LOG.debug("validation: {} {} {}", check.name(), check.passed() ? "passed" : "FAILED", check.detail());
            }
        }
        return view;
    }

    /**
     * The log's side. A checkpoint that cannot be read is not needed when every commit it covers is
     * there: the side is then replayed from the commits, with a warning and a note in the report.
     */
    private static ComparedSnapshot fileSide(DeltaLog log, long version, List<String> notes, Consumer<String> warn) {
        try {
            return logSide(log, version, false);
        } catch (DeltaLogException e) {
            if (e.kind() != DeltaLogException.Kind.CORRUPT_CHECKPOINT) {
                throw e;
            }
            ComparedSnapshot fromCommits;
            try {
                fromCommits = logSide(log, version, true);
            } catch (DeltaLogException gap) {
                throw e; // the commits do not cover it: the checkpoint is needed, and unreadable
            }
            String where = e.file() == null ? "" : " (" + e.file() + ")";
            warn.accept("warning: the checkpoint at version " + e.version() + where + " cannot be read: "
                    + "validating against the commits instead, which are all present (" + e.getMessage() + ")");
            notes.add("the checkpoint at version " + e.version() + " is unreadable" + where
                    + "; validated against commits 0 to " + version);
            return fromCommits;
        }
    }

    /**
     * Below this heap the store's side is read after the log's, not beside it. Together they hold at
     * once what the log side reads (a checkpoint's row group: ~130 MB for a million files) and the
     * store side's fingerprints and fetch buffers: a 1M-file checkpoint failed under {@code -Xmx256m}
     * one run in two (docs/performance.md, "Validation in a small heap"); one after the other it fits.
     * The JVM's usable heap is a little under -Xmx (-Xmx1g: ~910 MB), so -Xmx1g and the default heap
     * (a quarter of the RAM) of any machine of 4 GB or more are above it.
     */
    static final long MIN_HEAP_FOR_SIDES_TOGETHER = 768L << 20;

    static boolean sidesFitTogether(long maxHeap) {
        return maxHeap >= MIN_HEAP_FOR_SIDES_TOGETHER;
    }

    /** The log's side of a validation: file fingerprints and sizes (the files are named by a second replay, when listed). */
    private static ComparedSnapshot logSide(DeltaLog log, long version, boolean commitsOnly) {
        LiveFileSizes files = commitsOnly ? log.replayCommits(version, new LiveFileSizes()) : log.replay(version, new LiveFileSizes());
        return logSide(log, version, files, commitsOnly);
    }

    private static ComparedSnapshot logSide(DeltaLog log, long version, LiveFileSizes files, boolean commitsOnly) {
        return ComparedSnapshot.ofLog(version, files, (picked, limit) -> (commitsOnly
                ? log.replayCommits(version, new LiveFileKeys(picked)) : log.replay(version, new LiveFileKeys(picked))).first(limit));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Head, versions, live state and provenance of an imported table (for {@code deltasql info}). */
    public TableInfo info(RegisteredTable table) {
        List<VersionInfo> history = store.queries().history(table);
        long head = store.queries().head(table);
        long checkpoints = history.stream().filter(v -> v.origin() == Origin.CHECKPOINT).count();
        SnapshotDocument latest = head >= 0 ? latestHead(table) : null;
        TableProvenance p = store.provenance(table);
        return new TableInfo(table.name(), table.id().toString(), table.location(), head, history.size(),
                history.isEmpty() ? null : history.get(0).version(), history.size() - checkpoints, checkpoints,
                ranges(p.missingRanges()), latest == null ? 0 : latest.numFiles(), latest == null ? 0 : latest.totalSize(),
                latest == null ? null : "reader " + latest.minReaderVersion() + ", writer " + latest.minWriterVersion()
                        + (latest.readerFeatures().isEmpty() ? "" : ", reader features " + latest.readerFeatures())
                        + (latest.writerFeatures().isEmpty() ? "" : ", writer features " + latest.writerFeatures()),
                latest == null ? null : latest.schemaString(),
                latest == null ? List.of() : latest.partitionColumns(),
                p.mode(), p.lastImportedVersion(), text(p.importStartedAt()), text(p.importFinishedAt()), p.toolVersion());
    }

    /** The latest snapshot without its files (their count and size from the store): what info shows. */
    private SnapshotDocument latestHead(RegisteredTable table) {
        SnapshotDocument[] head = new SnapshotDocument[1];
        store.queries().stream(table, SnapshotStream.At.head(), 0, new SnapshotStream() {
            @Override
            public void head(Head h) {
                head[0] = Snapshots.headOf(h);
            }

            @Override
            public void file(String path, long size, String dvId) {
                // none asked for
            }
        });
        return head[0];
    }

    /** {@code [[7, 9]]}: the shape of the import's statistics. */
    private static List<List<Long>> ranges(List<VersionRange> ranges) {
        return ranges.stream().map(r -> List.of(r.from(), r.to())).toList();
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    @Override
    public void close() {
        store.close();
    }
}
