package io.deltasql.log.checkpoint;

import io.deltasql.log.SharedTables;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LocalLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the checkpoints of a log directory by file name (test-side; the real listing lives in .log.listing). */
final class SharedCheckpoints {
    private static final Pattern CLASSIC = Pattern.compile("(\\d{20})\\.checkpoint\\.parquet");
    private static final Pattern MULTI = Pattern.compile("(\\d{20})\\.checkpoint\\.(\\d{10})\\.(\\d{10})\\.parquet");
    private static final Pattern V2 = Pattern.compile("(\\d{20})\\.checkpoint\\.[0-9a-fA-F-]{36}\\.(json|parquet)");

    record Found(String table, Path logDir, CheckpointFiles files) {
        @Override
        public String toString() {
            return table + "@v" + files.version() + " " + files.kind();
        }
    }

    static List<Found> all() throws IOException {
        List<Found> out = new ArrayList<>();
        try (Stream<Path> tables = Files.list(SharedTables.root())) {
            for (Path t : tables.sorted().toList()) {
                Path log = t.resolve("_delta_log");
                if (Files.isDirectory(log)) {
                    for (CheckpointFiles cp : in(log)) {
                        out.add(new Found(t.getFileName().toString(), log, cp));
                    }
                }
            }
        }
        return out;
    }

    static CheckpointFiles find(String table, long version) throws IOException {
        return in(SharedTables.root().resolve(table).resolve("_delta_log")).stream()
                .filter(c -> c.version() == version).findFirst().orElseThrow();
    }

    static List<CheckpointFiles> in(Path log) throws IOException {
        Map<Long, List<FileEntry>> multi = new TreeMap<>();
        List<CheckpointFiles> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(log)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                Matcher m;
                if ((m = CLASSIC.matcher(name)).matches()) {
                    out.add(new CheckpointFiles(Long.parseLong(m.group(1)), CheckpointKind.CLASSIC,
                            List.of(LocalLogStorage.entry(f))));
                } else if ((m = MULTI.matcher(name)).matches()) {
                    multi.computeIfAbsent(Long.parseLong(m.group(1)), v -> new ArrayList<>()).add(LocalLogStorage.entry(f));
                } else if ((m = V2.matcher(name)).matches()) {
                    out.add(new CheckpointFiles(Long.parseLong(m.group(1)),
                            m.group(2).equals("json") ? CheckpointKind.V2_JSON : CheckpointKind.V2_PARQUET,
                            List.of(LocalLogStorage.entry(f))));
                }
            }
        }
        multi.forEach((v, parts) -> out.add(new CheckpointFiles(v, CheckpointKind.MULTI_PART, parts)));
        out.sort((a, b) -> Long.compare(a.version(), b.version()));
        return out;
    }
}
