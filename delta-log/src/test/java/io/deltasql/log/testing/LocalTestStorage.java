package io.deltasql.log.testing;

import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LogStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/**
 * A minimal local-disk {@link LogStorage} for tests of delta-log code that must only go through the
 * storage interface (the production HadoopLogStorage lives elsewhere).
 */
public final class LocalTestStorage implements LogStorage {

    /** The shared real Delta tables (system property {@code deltasql.sharedTables}, else ../../shared/delta-tables). */
    public static Path sharedTables() {
        String p = System.getProperty("deltasql.sharedTables");
        Path dir = p != null ? Paths.get(p) : Paths.get("..", "..", "shared", "delta-tables");
        return dir.toAbsolutePath().normalize();
    }

    @Override
    public List<FileEntry> list(String dir, String startAfter) throws IOException {
        Path d = Paths.get(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        List<FileEntry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path f : s.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (startAfter == null || name.compareTo(startAfter) > 0)) {
                    out.add(entry(f));
                }
            }
        }
        return out;
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        Path p = Paths.get(path);
        return Files.isRegularFile(p) ? entry(p) : null;
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(Paths.get(path));
    }

    @Override
    public InputFile parquetFile(FileEntry file) {
        return new LocalInputFile(Paths.get(file.path()));
    }

    @Override
    public void close() {
    }

    public static FileEntry entry(Path f) throws IOException {
        return new FileEntry(f.toAbsolutePath().toString(), f.getFileName().toString(), Files.size(f),
                Files.getLastModifiedTime(f).toMillis());
    }
}
