package io.deltasql.reader.engine;

import io.delta.kernel.engine.FileReadRequest;
import io.delta.kernel.engine.FileSystemClient;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.delta.kernel.internal.util.Utils;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;

/** Lists the log from SQL ({@link SqlLog#listFrom}); every other path goes to the table's storage. Writes to the log are refused. */
final class SqlLogFileSystemClient implements FileSystemClient {
    private final FileSystemClient storage;
    private final SqlLog log;

    SqlLogFileSystemClient(FileSystemClient storage, SqlLog log) {
        this.storage = storage;
        this.log = log;
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
        if (log.contains(filePath)) {
            return Utils.toCloseableIterator(log.listFrom(filePath).iterator());
        }
        return storage.listFrom(filePath);
    }

    @Override
    public String resolvePath(String path) throws IOException {
        return storage.resolvePath(path);
    }

    @Override
    public CloseableIterator<ByteArrayInputStream> readFiles(CloseableIterator<FileReadRequest> readRequests) throws IOException {
        // Deletion vectors (and nothing of the log) are read by byte range.
        return storage.readFiles(readRequests);
    }

    @Override
    public boolean mkdirs(String path) throws IOException {
        refuseLog(path);
        return storage.mkdirs(path);
    }

    @Override
    public boolean delete(String path) throws IOException {
        refuseLog(path);
        return storage.delete(path);
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
        if (log.contains(path)) {
            return log.status(path).orElseThrow(() -> new FileNotFoundException(path));
        }
        return storage.getFileStatus(path);
    }

    @Override
    public void copyFileAtomically(String srcPath, String destPath, boolean overwrite) throws IOException {
        refuseLog(destPath);
        storage.copyFileAtomically(srcPath, destPath, overwrite);
    }

    private void refuseLog(String path) throws IOException {
        if (log.contains(path)) {
            throw new IOException(path + ": a deltasql table's log is in its store; write through deltasql, not to _delta_log");
        }
    }
}
