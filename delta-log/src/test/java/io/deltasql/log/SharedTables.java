package io.deltasql.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The shared, read-only Delta test tables (never copied into the repo). */
public final class SharedTables {
    private SharedTables() {
    }

    public static Path root() {
        String prop = System.getProperty("deltasql.sharedTables");
        Path root = prop != null && !prop.isBlank()
                ? Paths.get(prop)
                : Paths.get("").toAbsolutePath().getParent().resolve("../shared/delta-tables");
        return root.normalize().toAbsolutePath();
    }

    public static Path table(String name) {
        return root().resolve(name);
    }

    public static Path expectedDir() {
        return root().resolve("expected");
    }

    /** Every table directory (those with a {@code _delta_log} or meant as one), sorted by name. */
    public static List<String> tableNames() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("expected") && !n.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a table to {@code target} (for tests that damage a table). */
    public static Path copy(String name, Path target) throws IOException {
        Path source = table(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return target;
    }
}
