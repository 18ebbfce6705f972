package io.deltasql.connect.source;

import io.deltasql.log.TableLocation;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.storage.LogStorages;
import io.deltasql.storage.Secrets;
import io.deltasql.storage.StorageSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Delta tables under a root ({@code delta.root}): every directory holding a {@code _delta_log/}
 * directory, down to {@code delta.root.max.depth} levels, whose path relative to the root matches an
 * include pattern (all when none) and no exclude pattern (globs: {@code *} within a level, {@code **}
 * across levels). A table's directory is not looked into further, nor are directories whose name starts
 * with {@code _} or {@code .} (Delta's and Spark's own). The table's name is its relative path with
 * {@code /} turned into {@code .} ({@code sales/orders} → {@code sales.orders}); one listing per directory
 * visited, so a scan of an object store costs one LIST request per directory above the tables.
 */
final class TableDiscovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TableDiscovery.class);

    private final String root;
    private final LogStorage storage;
    private final StorageSettings settings;
    private final List<PathMatcher> include;
    private final List<PathMatcher> exclude;
    private final int maxDepth;
    private final Set<String> warned = new HashSet<>();

    private TableDiscovery(String root, LogStorage storage, StorageSettings settings, List<PathMatcher> include,
                           List<PathMatcher> exclude, int maxDepth) {
        this.root = root;
        this.storage = storage;
        this.settings = settings;
        this.include = include;
        this.exclude = exclude;
        this.maxDepth = maxDepth;
    }

    static TableDiscovery open(DeltaSourceConfig config) {
        URI uri = TableLocation.of(config.root()).uri();
        StorageAddOns.check(config.root(), uri);
        StorageSettings settings = StorageSettings.fromEnvironment(System.getenv()).overriddenBy(config.storage());
        return new TableDiscovery(uri.toString(), LogStorages.forLocation(uri.toString(), settings), settings,
                globs(config.rootInclude()), globs(config.rootExclude()), config.rootMaxDepth());
    }

    /** Compiles glob patterns; throws {@code IllegalArgumentException} naming a bad one. */
    static List<PathMatcher> globs(List<String> patterns) {
        List<PathMatcher> out = new ArrayList<>();
        for (String p : patterns) {
            if (!p.isBlank()) {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + p.trim()));
            }
        }
        return out;
    }

    String root() {
        return root;
    }

    /** Whether {@code location} is a table this root may hold (for offsets set by hand). */
    boolean covers(String location) {
        return location.startsWith(root + "/");
    }

    /** Lists the root now: the tables under it, sorted by relative path. */
    List<TableSpec> find() {
        List<String> paths = new ArrayList<>();
        walk("", 0, paths);
        List<TableSpec> tables = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String rel : paths) {
            String name = nameOf(rel);
            if (!names.add(name)) {
                if (warned.add(rel)) {
                    LOG.warn("{}/{}: skipped, its name {} is taken by another table under the root", root, rel, name);
                }
                continue;
            }
            tables.add(new TableSpec(name, root + "/" + rel));
        }
        return tables;
    }

    private void walk(String rel, int depth, List<String> out) {
        String dir = rel.isEmpty() ? root : root + "/" + rel;
        List<String> children;
        try {
            children = storage.listDirectories(dir);
        } catch (IOException | RuntimeException e) {
            throw new ConnectException("cannot list " + dir + " to find the Delta tables under " + DeltaSourceConfig.ROOT
                    + ": " + Secrets.scrub(String.valueOf(e.getMessage()), settings));
        }
        if (children.contains("_delta_log") && !rel.isEmpty()) {
            if (selected(rel)) {
                out.add(rel);
            }
            return;
        }
        if (depth >= maxDepth) {
            return;
        }
        for (String child : children) {
            if (!child.startsWith("_") && !child.startsWith(".")) {
                walk(rel.isEmpty() ? child : rel + "/" + child, depth + 1, out);
            }
        }
    }

    private boolean selected(String rel) {
        Path p = Path.of(rel);
        return (include.isEmpty() || include.stream().anyMatch(m -> m.matches(p)))
                && exclude.stream().noneMatch(m -> m.matches(p));
    }

    /** {@code sales/orders} → {@code sales.orders}; anything a topic name or the table name cannot hold → {@code _}. */
    static String nameOf(String relative) {
        String name = relative.replace('/', '.').replaceAll("[^A-Za-z0-9_.-]", "_");
        if (!Character.isLetterOrDigit(name.charAt(0)) && name.charAt(0) != '_') {
            name = "_" + name;
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (IOException e) {
            // nothing held that matters
        }
    }
}
