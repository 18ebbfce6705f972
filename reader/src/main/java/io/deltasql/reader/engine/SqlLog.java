package io.deltasql.reader.engine;

import io.deltasql.log.action.Action;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.util.ArrayList;
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
 * @param checkpoint  the snapshot's actions (protocol, metaData, txn, domainMetadata, add), read when Kernel reads the checkpoint
 * @param commit      the version's own actions, read when Kernel reads the commit
 * @param cache       where reads of the checkpoint are kept for the next load of this version (null: none)
 */
public record SqlLog(String logDir, long version, long timestampMs, CheckpointSource checkpoint,
                     Supplier<Iterator<Action>> commit, CheckpointCache cache) {

    /** The snapshot's actions, fetched for each read of the checkpoint as its read schema asks. */
    public interface CheckpointSource {
        /**
         * Protocol, metaData, txns and domain metadata; then the live files when {@code files} (a read
         * of protocol and metaData alone fetches none), with their stats when {@code stats}.
         */
        CloseableIterator<Action> actions(boolean files, boolean stats);
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

    /** The actions of a file of this log that Kernel reads with {@code readSchema}, or empty when the log has no such file. */
    public Optional<CloseableIterator<Action>> actionsOf(String path, StructType readSchema) {
        if (path.equals(checkpointPath())) {
            int add = readSchema.indexOf("add");
            boolean stats = add >= 0 && readSchema.at(add).getDataType() instanceof StructType s && s.indexOf("stats") >= 0;
            return Optional.of(checkpoint.actions(add >= 0, stats));
        }
        if (path.equals(commitPath())) {
            return Optional.of(Utils.toCloseableIterator(commit.get()));
        }
        return Optional.empty();
    }

    /**
     * The batches Kernel reads from a file of this log with {@code readSchema} (the checkpoint's from
     * the cache when an earlier load of this version kept them), or empty when the log has no such file.
     */
    Optional<CloseableIterator<ColumnarBatch>> batchesOf(String path, StructType readSchema, JsonHandler json) {
        if (cache != null && path.equals(checkpointPath())) {
            CheckpointCache.Key key = new CheckpointCache.Key(version, timestampMs, readSchema);
            List<ColumnarBatch> kept = cache.get(key);
            if (kept != null) {
                return Optional.of(Utils.toCloseableIterator(kept.iterator()));
            }
            return actionsOf(path, readSchema).map(actions -> new ActionBatches(actions, json, readSchema)
                    .keptIn(cache, key));
        }
        return actionsOf(path, readSchema).map(actions -> new ActionBatches(actions, json, readSchema));
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
