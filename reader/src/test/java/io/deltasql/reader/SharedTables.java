package io.deltasql.reader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shared Delta tables (../shared/delta-tables) that carry data files, and their time-travel versions. */
final class SharedTables {
    private SharedTables() {
    }

    static Path root() {
        String prop = System.getProperty("deltasql.sharedTables");
        return (prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared", "delta-tables")).toAbsolutePath().normalize();
    }

    static Path table(String name) {
        return root().resolve(name);
    }

    /** Every table with at least one Parquet file outside its {@code _delta_log}. */
    static List<String> withDataFiles() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).filter(SharedTables::hasDataFile)
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasDataFile(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".parquet") && !dir.relativize(p).startsWith("_delta_log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The versions N of {@code expected/<name>@vN.json}. */
    static List<Long> timeTravelVersions(String name) {
        try (Stream<Path> s = Files.list(root().resolve("expected"))) {
            Pattern p = Pattern.compile(Pattern.quote(name) + "@v(\\d+)\\.json");
            return s.map(f -> p.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
