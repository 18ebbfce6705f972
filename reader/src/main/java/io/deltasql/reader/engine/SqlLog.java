package io.deltasql.reader.engine;

import io.deltasql.log.action.Action;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code _delta_log} of one table at one version, as deltasql serves it to Delta Kernel, made
 * from SQL and never stored anywhere: a classic checkpoint {@code C.checkpoint.parquet} holding the
 * snapshot at version C, and the commits {@code C.json} to {@code N.json}. Usually C = N, so Kernel
 * replays nothing (it wants the commit of the version it loads: its time, its inCommitTimestamp).
 * When an earlier load of this table kept Kernel's read of an older checkpoint C ({@link CheckpointCache}),
 * the log is that checkpoint and the few commits after it, and Kernel replays just those commits on
 * the kept files — how a reader that keeps a table open follows the versions a writer adds. Nothing
 * else exists in it: no {@code _last_checkpoint}, no other version, no {@code .crc}.
 *
 * @param logDir     the log directory as Kernel names it (its resolved table path + {@code /_delta_log})
 * @param checkpoint the checkpoint's version, time and content
 * @param commits    the commits from the checkpoint's version to the version loaded, oldest first (at least the checkpoint's own)
 * @param cache      where reads of the checkpoint are kept for the next load (null: none)
 */
public record SqlLog(String logDir, Checkpoint checkpoint, List<Commit> commits, CheckpointCache cache) {

    /** The snapshot, fetched for each read of the checkpoint as its read schema asks. */
    public interface CheckpointSource {
        /** Protocol, metaData, txns and domain metadata. */
        List<Action> actions();

        /**
         * The live files as batches that {@code columns} builds from the store's rows (with stats when
         * {@code columns.stats()}); asked only by a read of the adds (protocol and metaData alone fetch none).
         */
        CloseableIterator<FileBatch> files(FileColumns columns);
    }

    /** The checkpoint at {@code version}, committed at {@code timestampMs}; its content read from {@code source} unless kept. */
    public record Checkpoint(long version, long timestampMs, CheckpointSource source) {
    }

    /** A commit: its version, its time (the file's modification time) and its actions, read when Kernel reads the file. */
    public record Commit(long version, long timestampMs, Supplier<? extends Iterable<Action>> actions) {
    }

    public SqlLog {
        logDir = withoutTrailingSlash(logDir);
        commits = List.copyOf(commits);
        if (commits.isEmpty() || commits.get(0).version() != checkpoint.version()) {
            throw new IllegalArgumentException("the commits must start at the checkpoint's version " + checkpoint.version());
        }
        for (int i = 1; i < commits.size(); i++) {
            if (commits.get(i).version() != commits.get(i - 1).version() + 1) {
                throw new IllegalArgumentException("the commits must be consecutive: " + commits.get(i - 1).version()
                        + " is followed by " + commits.get(i).version());
            }
        }
    }

    public String checkpointPath() {
        return logDir + "/" + String.format("%020d.checkpoint.parquet", checkpoint.version());
    }

    public String commitPath(long version) {
        return logDir + "/" + String.format("%020d.json", version);
    }

    /** Whether {@code path} is in this log (the directory itself or anything under it). */
    public boolean contains(String path) {
        String p = withoutTrailingSlash(path);
        return p.equals(logDir) || p.startsWith(logDir + "/");
    }

    /**
     * Kernel's {@code listFrom}: the files of the directory of {@code startFile} whose names sort at
     * or after its name. Only the log directory itself has files.
     */
    public List<FileStatus> listFrom(String startFile) {
        int slash = startFile.lastIndexOf('/');
        String dir = startFile.substring(0, slash);
        String from = startFile.substring(slash + 1);
        List<FileStatus> out = new ArrayList<>(commits.size() + 1);
        if (!withoutTrailingSlash(dir).equals(logDir)) {
            return out;
        }
        // in name order: "…C.checkpoint.parquet" < "…C.json" < "…C+1.json"
        addIfFrom(out, from, checkpointPath(), checkpoint.timestampMs());
        for (Commit c : commits) {
            addIfFrom(out, from, commitPath(c.version()), c.timestampMs());
        }
        return out;
    }

    private void addIfFrom(List<FileStatus> out, String from, String path, long timestampMs) {
        if (path.substring(logDir.length() + 1).compareTo(from) >= 0) {
            out.add(FileStatus.of(path, 1, timestampMs));
        }
    }

    /**
     * The batches Kernel reads from a file of this log with {@code readSchema} (the checkpoint's from
     * the cache when an earlier load kept them), or empty when the log has no such file.
     */
    Optional<CloseableIterator<ColumnarBatch>> batchesOf(String path, StructType readSchema, JsonHandler json) {
        if (path.equals(checkpointPath())) {
            CheckpointCache.Key key = new CheckpointCache.Key(checkpoint.version(), checkpoint.timestampMs(), readSchema);
            List<ColumnarBatch> kept = cache == null ? null : cache.get(key);
            if (kept != null) {
                return Optional.of(Utils.toCloseableIterator(kept.iterator()));
            }
            CheckpointSource source = checkpoint.source();
            // The actions first: the files' fetch then has the store's connection to itself.
            List<Action> actions = source.actions();
            CloseableIterator<FileBatch> files = readSchema.indexOf("add") >= 0
                    ? source.files(FileColumns.of(readSchema, json)) : Utils.toCloseableIterator(Collections.emptyIterator());
            ActionBatches batches = new ActionBatches(Utils.toCloseableIterator(actions.iterator()), files, json, readSchema);
            return Optional.of(cache == null ? batches : batches.keptIn(cache, key));
        }
        return commit(path).map(c -> new ActionBatches(Utils.toCloseableIterator(c.actions().get().iterator()), json, readSchema));
    }

    /** A file of this log, or empty. Sizes are nominal: nothing reads these files by byte. */
    public Optional<FileStatus> status(String path) {
        if (path.equals(checkpointPath())) {
            return Optional.of(FileStatus.of(path, 1, checkpoint.timestampMs()));
        }
        return commit(path).map(c -> FileStatus.of(path, 1, c.timestampMs()));
    }

    private Optional<Commit> commit(String path) {
        for (Commit c : commits) {
            if (path.equals(commitPath(c.version()))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
