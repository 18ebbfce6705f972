package io.deltasql.connect.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The example connector configs of config/ pointed at resources that exist here: every table of
 * {@code delta.tables} at the shared table of the same directory name, the sink's target at a test
 * database. Only the location part and the database change, so everything else is checked as shipped.
 */
final class LiveConfigs {
    private LiveConfigs() {
    }

    static Path sharedTables() {
        String prop = System.getProperty("deltasql.sharedTables");
        Path p = prop != null ? Path.of(prop) : ProjectFiles.root().resolve("../shared/delta-tables");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared Delta tables not found at " + p.toAbsolutePath()
                    + " (set -Ddeltasql.sharedTables)");
        }
        return p.toAbsolutePath().normalize();
    }

    /** {@code simple=file:///tmp/delta/simple-table} becomes {@code simple=<tables>/simple-table} (same name). */
    static Map<String, String> withTablesUnder(Map<String, String> source, Path tables) {
        List<String> entries = new ArrayList<>();
        for (String entry : source.get("delta.tables").split(",")) {
            int eq = entry.indexOf('=');
            String name = entry.substring(0, eq).trim();
            String location = entry.substring(eq + 1).trim();
            String dir = location.substring(location.replaceAll("/+$", "").lastIndexOf('/') + 1).replaceAll("/+$", "");
            entries.add(name + "=" + tables.resolve(dir).toUri());
        }
        Map<String, String> live = new TreeMap<>(source);
        live.put("delta.tables", String.join(",", entries));
        return live;
    }

    /** {@code deltasql://postgres/<db>?...} with another database; host, port, user and the rest unchanged. */
    static Map<String, String> withDatabase(Map<String, String> sink, String database) {
        Map<String, String> live = new TreeMap<>(sink);
        live.put("target", sink.get("target").replaceFirst("^deltasql://postgres/[^/?]+", "deltasql://postgres/" + database));
        return live;
    }
}
