package io.deltasql.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of shared tables in a temp dir, to grow (append commits) or damage them without touching the originals. */
final class TableCopies {
    private TableCopies() {
    }

    /** Copies {@code table} with only the _delta_log files of versions ≤ {@code upTo} (all when null). */
    static Path copy(String table, Path dir, Long upTo) throws IOException {
        Path src = Cli.table(table).resolve("_delta_log");
        Path dst = dir.resolve(table).resolve("_delta_log");
        Files.createDirectories(dst);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && (upTo == null || versionOf(f) <= upTo)) {
                    Files.copy(f, dst.resolve(f.getFileName()));
                }
            }
        }
        return dst.getParent();
    }

    /** Appends the commits (and their checkpoints) of versions from..to of {@code table} to a copy, as a writer would. */
    static void appendVersions(String table, Path copy, long from, long to) throws IOException {
        Path src = Cli.table(table).resolve("_delta_log");
        for (long v = from; v <= to; v++) {
            String name = String.format("%020d.json", v);
            Files.copy(src.resolve(name), copy.resolve("_delta_log").resolve(name));
        }
    }

    private static long versionOf(Path f) {
        String name = f.getFileName().toString();
        int dot = name.indexOf('.');
        try {
            return Long.parseLong(dot < 0 ? name : name.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1; // _last_checkpoint and the like: keep
        }
    }
}
