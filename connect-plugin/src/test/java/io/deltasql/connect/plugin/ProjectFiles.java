package io.deltasql.connect.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The repository's config/ and docker/ files, as the tests read them. */
final class ProjectFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectFiles() {
    }

    /** The repository root: system property {@code deltasql.projectRoot} (set by the pom), else the module's parent. */
    static Path root() {
        String prop = System.getProperty("deltasql.projectRoot");
        Path root = prop != null ? Path.of(prop) : Path.of("..");
        if (!Files.isDirectory(root.resolve("config"))) {
            throw new IllegalStateException("no config/ under " + root.toAbsolutePath() + " (set -Ddeltasql.projectRoot)");
        }
        return root.toAbsolutePath().normalize();
    }

    static Path config(String name) {
        return root().resolve("config").resolve(name);
    }

    static Path docker(String name) {
        return root().resolve("docker").resolve(name);
    }

    /** A .properties file as an ordered map (keys sorted: the order of a connector config does not matter). */
    static Map<String, String> properties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }

    /** A flat JSON object of strings (a connector config as sent to PUT /connectors/name/config). */
    static Map<String, String> jsonConfig(Path file) {
        try {
            return flatStrings(JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> flatStrings(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + ": expected a JSON object of string values");
        }
        Map<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                // Connect accepts only strings in a connector config; a number here would be rejected by REST.
                throw new IllegalArgumentException(what + ": value of '" + e.getKey() + "' is not a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }
}
