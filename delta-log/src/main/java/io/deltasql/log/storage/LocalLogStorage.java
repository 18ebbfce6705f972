package io.deltasql.log.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/**
 * The local disk through {@code java.nio}, without Hadoop: paths and {@code file:} URIs. Lets delta-log
 * read a local table on its own (its tests, tools); delta-storage's drivers cover object stores.
 */
public final class LocalLogStorage implements LogStorage {

    private static Path path(String location) {
        return location.startsWith("file:") ? Paths.get(URI.create(location)) : Paths.get(location);
    }

    @Override
    public List<FileEntry> list(String dir, String startAfter) throws IOException {
        Path d = path(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        List<FileEntry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(d)) {
            for (Path f : s.sorted().toList()) {
                String name = f.getFileName().toString();
                // The name first: a poll after the last version stats only the newer files, not the whole log.
                if ((startAfter == null || name.compareTo(startAfter) > 0) && Files.isRegularFile(f)) {
                    out.add(entry(f));
                }
            }
        }
        return out;
    }

    @Override
    public List<String> listDirectories(String dir) throws IOException {
        Path d = path(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public FileEntry stat(String path) throws IOException {
        Path p = path(path);
        return Files.exists(p) ? entry(p) : null;
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(path(path));
    }

    @Override
    public InputFile parquetFile(FileEntry file) {
        return new LocalInputFile(path(file.path()));
    }

    @Override
    public void close() {
    }

    public static FileEntry entry(Path f) throws IOException {
        long size = Files.isDirectory(f) ? 0 : Files.size(f);
        return new FileEntry(f.toAbsolutePath().toString(), f.getFileName().toString(), size,
                Files.getLastModifiedTime(f).toMillis());
    }
}
