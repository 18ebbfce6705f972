package io.deltasql.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The connector configs the project ships ({@code config/delta-source.json}, {@code config/postgres-sink.json}),
 * read as they are, so the ITs run what an operator runs: a test only points them at its tables, topics
 * and database, and adds what the test itself is about (never a setting that hides a problem of the shipped ones).
 */
public final class ShippedConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShippedConfigs() {
    }

    /** The repository root: system property {@code deltasql.projectRoot}, else the module's parent. */
    public static Path projectRoot() {
        String prop = System.getProperty("deltasql.projectRoot");
        Path root = prop != null ? Path.of(prop) : Path.of("..");
        if (!Files.isDirectory(root.resolve("config"))) {
            throw new IllegalStateException("no config/ under " + root.toAbsolutePath() + " (set -Ddeltasql.projectRoot)");
        }
        return root.toAbsolutePath().normalize();
    }

    public static Map<String, String> source() {
        return read("delta-source.json");
    }

    public static Map<String, String> sink() {
        return read("postgres-sink.json");
    }

    /** The project's distributed worker config, docker/connect-distributed.properties. */
    public static Map<String, String> worker() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = Files.newBufferedReader(projectRoot().resolve("docker").resolve("connect-distributed.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** A config/*.json connector config as a mutable map, without its "name" (the connector's name is the test's). */
    public static Map<String, String> read(String file) {
        Path path = projectRoot().resolve("config").resolve(file);
        Map<String, String> out = new HashMap<>();
        try {
            JsonNode node = JSON.readTree(path.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.remove("name");
        return out;
    }
}
