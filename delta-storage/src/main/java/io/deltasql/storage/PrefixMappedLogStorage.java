package io.deltasql.storage;

import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.parquet.io.InputFile;

/**
 * A storage seen under another location prefix: callers use {@code az://container/...}, the
 * delegate (ABFS) gets {@code abfss://container@account.dfs.core.windows.net/...}, and listed
 * paths come back in the caller's form, so the table's location stays what the user wrote.
 */
final class PrefixMappedLogStorage implements LogStorage {
    private final LogStorage delegate;
    private final String outer;
    private final String inner;

    PrefixMappedLogStorage(LogStorage delegate, String outerPrefix, String innerPrefix) {
        this.delegate = delegate;
        this.outer = outerPrefix;
        this.inner = innerPrefix;
    }

    @Override
    public List<FileEntry> list(String dir, String startAfter) throws IOException {
        return delegate.list(in(dir), startAfter).stream().map(this::out).toList();
    }

    @Override
    public List<String> listDirectories(String dir) throws IOException {
        return delegate.listDirectories(in(dir));
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        FileEntry e = delegate.stat(in(path));
        return e == null ? null : out(e);
    }

    @Override
    public InputStream open(String path) throws IOException {
        return delegate.open(in(path));
    }

    @Override
    public InputStream open(FileEntry file) throws IOException {
        return delegate.open(new FileEntry(in(file.path()), file.name(), file.size(), file.modificationTime()));
    }

    @Override
    public int readsAhead() {
        return delegate.readsAhead();
    }

    @Override
    public InputFile parquetFile(FileEntry file) throws IOException {
        return delegate.parquetFile(new FileEntry(in(file.path()), file.name(), file.size(), file.modificationTime()));
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return outer + " → " + delegate;
    }

    String in(String path) {
        return path.startsWith(outer) ? inner + path.substring(outer.length()) : path;
    }

    private FileEntry out(FileEntry e) {
        String p = e.path();
        return p.startsWith(inner) ? new FileEntry(outer + p.substring(inner.length()), e.name(), e.size(),
                e.modificationTime()) : e;
    }
}
