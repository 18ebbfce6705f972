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
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code _delta_log} of one table at one version, as deltasql serves it to Delta Kernel: two
 * files, both made from SQL and never stored anywhere — a classic checkpoint {@code N.checkpoint.parquet}
 * holding the snapshot at version N (so Kernel replays nothing), and the commit {@code N.json}
 * (Kernel wants the commit of the version it loads: its time, its inCommitTimestamp). Nothing else
 * exists in it: no {@code _last_checkpoint}, no other version, no {@code .crc}.
 *
 * @param logDir      the log directory as Kernel names it (its resolved table path + {@code /_delta_log})
 * @param version     the one version this log holds
 * @param timestampMs the version's commit time: the modification time of both files
 * @param checkpoint  the snapshot's actions (protocol, metaData, txn, domainMetadata) and live files, read when Kernel reads the checkpoint
 * @param commit      the version's own actions, read when Kernel reads the commit
 * @param cache       where reads of the checkpoint are kept for the next load of this version (null: none)
 */
public record SqlLog(String logDir, long version, long timestampMs, CheckpointSource checkpoint,
                     Supplier<Iterator<Action>> commit, CheckpointCache cache) {

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

    public SqlLog {
        logDir = withoutTrailingSlash(logDir);
    }

    public String checkpointPath() {
        return logDir + "/" + String.format("%020d.checkpoint.parquet", version);
    }

    public String commitPath() {
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
        List<FileStatus> out = new ArrayList<>(2);
        if (!withoutTrailingSlash(dir).equals(logDir)) {
            return out;
        }
        for (String path : List.of(checkpointPath(), commitPath())) { // "…N.checkpoint.parquet" < "…N.json"
            if (path.substring(logDir.length() + 1).compareTo(from) >= 0) {
                out.add(fileStatus(path));
            }
        }
        return out;
    }

    /**
     * The batches Kernel reads from a file of this log with {@code readSchema} (the checkpoint's from
     * the cache when an earlier load of this version kept them), or empty when the log has no such file.
     */
    Optional<CloseableIterator<ColumnarBatch>> batchesOf(String path, StructType readSchema, JsonHandler json) {
        if (path.equals(checkpointPath())) {
            CheckpointCache.Key key = new CheckpointCache.Key(version, timestampMs, readSchema);
            List<ColumnarBatch> kept = cache == null ? null : cache.get(key);
            if (kept != null) {
                return Optional.of(Utils.toCloseableIterator(kept.iterator()));
            }
            CloseableIterator<FileBatch> files = readSchema.indexOf("add") >= 0
                    ? checkpoint.files(FileColumns.of(readSchema, json)) : Utils.toCloseableIterator(Collections.emptyIterator());
            ActionBatches batches = new ActionBatches(Utils.toCloseableIterator(checkpoint.actions().iterator()), files, json,
                    readSchema);
            return Optional.of(cache == null ? batches : batches.keptIn(cache, key));
        }
        if (path.equals(commitPath())) {
            return Optional.of(new ActionBatches(Utils.toCloseableIterator(commit.get()), json, readSchema));
        }
        return Optional.empty();
    }

    /** A file of this log, or empty. Sizes are nominal: nothing reads these files by byte. */
    public Optional<FileStatus> status(String path) {
        return path.equals(checkpointPath()) || path.equals(commitPath()) ? Optional.of(fileStatus(path)) : Optional.empty();
    }

    private FileStatus fileStatus(String path) {
        return FileStatus.of(path, 1, timestampMs);
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
