package io.deltasql.bench;

import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/**
 * Local-disk {@link LogStorage} for the benchmark, so it measures the reader and not Hadoop's
 * FileSystem layer (the production storage is the delta-log teammate's HadoopLogStorage).
 */
final class LocalStorage implements LogStorage {
    @Override
    public List<FileEntry> list(String dir, String startAfter) throws IOException {
        Path d = Path.of(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        List<FileEntry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.sorted().toList()) {
                if (startAfter == null || p.getFileName().toString().compareTo(startAfter) > 0) {
                    out.add(stat(p.toString()));
                }
            }
        }
        return out;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        Path p = Path.of(path);
        return Files.isRegularFile(p) ? new FileEntry(path, p.getFileName().toString(), Files.size(p),
                Files.getLastModifiedTime(p).toMillis()) : null;
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(Path.of(path));
    }

    @Override
    public InputFile parquetFile(FileEntry file) {
        return new LocalInputFile(Path.of(file.path()));
    }

    @Override
    public void close() {
    }
}
