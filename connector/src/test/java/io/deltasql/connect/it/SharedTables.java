package io.deltasql.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shared read-only Delta tables, and writable copies of them for tests that append commits. */
final class SharedTables {
    private SharedTables() {
    }

    static Path root() {
        String prop = System.getProperty("deltasql.sharedTables");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "delta-tables");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared Delta tables not found at " + p.toAbsolutePath()
                    + " (set -Ddeltasql.sharedTables)");
        }
        return p;
    }

    /** Copies the table's {@code _delta_log} (only: the log is all the connectors read) into {@code dir/name}. */
    static Path copy(String table, Path dir) {
        Path src = root().resolve(table).resolve("_delta_log");
        Path dst = dir.resolve(table);
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = dst.resolve("_delta_log").resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                    target.toFile().setWritable(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dst;
    }

    /**
     * Appends commit {@code version} to a copied table: a commitInfo and {@code adds} new files, like
     * a blind append. Written to a temp name and renamed, as a Delta writer would (atomic appearance).
     */
    static void appendCommit(Path table, long version, int adds) {
        long now = System.currentTimeMillis();
        StringBuilder sb = new StringBuilder();
        sb.append("{\"commitInfo\":{\"timestamp\":").append(now)
                .append(",\"operation\":\"WRITE\",\"operationParameters\":{\"mode\":\"Append\"},\"isBlindAppend\":true}}\n");
        for (int i = 0; i < adds; i++) {
            sb.append("{\"add\":{\"path\":\"connect-it-v").append(version).append("-").append(i)
                    .append(".parquet\",\"partitionValues\":{},\"size\":").append(1000 + i)
                    .append(",\"modificationTime\":").append(now).append(",\"dataChange\":true}}\n");
        }
        Path log = table.resolve("_delta_log");
        Path tmp = log.resolve(".tmp-" + version + ".json");
        try {
            Files.writeString(tmp, sb.toString());
            Files.move(tmp, log.resolve(String.format("%020d.json", version)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
