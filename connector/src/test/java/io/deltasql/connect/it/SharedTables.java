package io.deltasql.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shared read-only Delta tables, and writable copies of them for tests that append commits. */
final class SharedTables {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        return copyAs(table, dir.resolve(table));
    }

    /** Copies the table's {@code _delta_log} into {@code dst/_delta_log}. */
    static Path copyAs(String table, Path dst) {
        Path src = root().resolve(table).resolve("_delta_log");
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
     * Appends commit {@code version} to a copied table: a commitInfo and a metaData whose schemaString is
     * {@code schemaString} (the table's other metadata fields as in version 0), like an ALTER TABLE.
     */
    static void appendMetadata(Path table, long version, String schemaString) {
        Path log = table.resolve("_delta_log");
        try {
            ObjectNode metadata = null;
            for (String line : Files.readAllLines(log.resolve(String.format("%020d.json", 0)))) {
                JsonNode node = JSON.readTree(line);
                if (node.has("metaData")) {
                    metadata = (ObjectNode) node;
                }
            }
            if (metadata == null) {
                throw new IllegalStateException(table + ": version 0 holds no metaData");
            }
            ((ObjectNode) metadata.get("metaData")).put("schemaString", schemaString);
            String commitInfo = "{\"commitInfo\":{\"timestamp\":" + System.currentTimeMillis()
                    + ",\"operation\":\"SET TBLPROPERTIES\",\"operationParameters\":{}}}";
            write(log, version, commitInfo + "\n" + JSON.writeValueAsString(metadata) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        try {
            write(table.resolve("_delta_log"), version, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the commit file to a temp name and renames it, as a Delta writer would (atomic appearance). */
    private static void write(Path log, long version, String lines) throws IOException {
        Path tmp = log.resolve(".tmp-" + version + ".json");
        Files.writeString(tmp, lines);
        Files.move(tmp, log.resolve(String.format("%020d.json", version)));
    }
}
