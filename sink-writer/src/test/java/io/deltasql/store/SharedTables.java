package io.deltasql.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.log.CloseableIterator;
import io.deltasql.log.Origin;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.commit.CommitLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The shared Delta test tables (read-only) and hand-built VersionBatches from their JSON commits. */
public final class SharedTables {
    private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");

    private SharedTables() {
    }

    public static Path root() {
        String prop = System.getProperty("deltasql.sharedTables");
        Path p = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared", "delta-tables");
        return p.toAbsolutePath().normalize();
    }

    public static Path table(String name) {
        return root().resolve(name);
    }

    /** The commit lines of each version, when the log holds every commit from 0 contiguously. */
    public static Optional<List<List<String>>> contiguousCommits(String name) {
        Path log = table(name).resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return Optional.empty();
        }
        List<Path> commits;
        try (Stream<Path> s = Files.list(log)) {
            commits = s.filter(p -> COMMIT.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < commits.size(); i++) {
            if (!commits.get(i).getFileName().toString().equals(String.format("%020d.json", i))) {
                return Optional.empty();
            }
            try {
                out.add(Files.readAllLines(commits.get(i)).stream().filter(l -> !l.isBlank()).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    public static List<String> allTableNames() {
        try (Stream<Path> s = Files.list(root())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("expected")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One COMMIT batch per commit, lines parsed as delta-log does (CommitLines); timestamp from commitInfo. */
    public static List<VersionBatch> commitBatches(List<List<String>> commits) {
        List<VersionBatch> out = new ArrayList<>();
        for (int v = 0; v < commits.size(); v++) {
            List<Action> actions = commits.get(v).stream().flatMap(l -> CommitLines.parse(l).stream()).toList();
            long ts = actions.stream().filter(a -> a instanceof CommitInfo).map(a -> (CommitInfo) a)
                    .map(c -> c.inCommitTimestamp() != null ? c.inCommitTimestamp() : c.timestamp())
                    .filter(t -> t != null).findFirst().orElse(1_000_000L + v);
            out.add(batch(v, Origin.COMMIT, ts, actions));
        }
        return out;
    }

    public static VersionBatch batch(long version, Origin origin, long timestamp, List<? extends Action> actions) {
        List<Action> copy = List.copyOf(actions);
        return new VersionBatch(version, origin, timestamp, copy.size(), () -> iterator(copy.iterator()));
    }

    public static <T> CloseableIterator<T> iterator(Iterator<T> it) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    /** expected/&lt;name&gt;.json (latest) or expected/&lt;name&gt;@v&lt;N&gt;.json; empty if absent. */
    public static Optional<JsonNode> expected(String name, Long version) {
        Path p = root().resolve("expected").resolve(version == null ? name + ".json" : name + "@v" + version + ".json");
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ActionCodec.mapper().readTree(p.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The versions N with an expected/&lt;name&gt;@vN.json. */
    public static List<Long> timeTravelVersions(String name) {
        try (Stream<Path> s = Files.list(root().resolve("expected"))) {
            Pattern p = Pattern.compile(Pattern.quote(name) + "@v(\\d+)\\.json");
            return s.map(f -> p.matcher(f.getFileName().toString())).filter(java.util.regex.Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
