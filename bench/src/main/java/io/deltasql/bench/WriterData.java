package io.deltasql.bench;

import io.deltasql.synth.SyntheticTableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The writer benchmark's input logs, generated once per setting and kept (generation of 100k
 * versions takes minutes and a few GB of heap for the generator's live-file state, so
 * {@code bench/run-writer.sh} generates in a separate, larger JVM and the measured JVM reuses it).
 */
final class WriterData {
    final Path commits;
    final Path checkpoint;
    private final int versions;
    private final int actions;
    private final long bigFiles;

    WriterData(Path dir, int versions, int actions, long bigFiles) {
        this.versions = versions;
        this.actions = actions;
        this.bigFiles = bigFiles;
        this.commits = dir.resolve(String.format(Locale.ROOT, "commits-%dx%d", versions, actions));
        this.checkpoint = dir.resolve(String.format(Locale.ROOT, "checkpoint-%d", bigFiles));
    }

    /** Writes whatever is missing (a directory without its completion marker is written again). */
    void ensure(java.util.function.Consumer<String> log) throws IOException {
        if (!complete(commits)) {
            long t0 = System.nanoTime();
            deleteTree(commits);
            // No checkpoints: the import reads commits from version 0, and checkpoints of a growing
            // state would dominate generation time.
            SyntheticTableWriter.builder().versions(versions).actionsPerVersion(actions).checkpointInterval(0)
                    .partitions(8).seed(42).write(commits);
            Files.writeString(commits.resolve("COMPLETE"), "");
            log.accept(String.format(Locale.ROOT, "generated %s in %.1f s", commits.getFileName(), WriterBenchmark.seconds(t0)));
        }
        if (bigFiles > 0 && !complete(checkpoint)) {
            long t0 = System.nanoTime();
            deleteTree(checkpoint);
            SyntheticTableWriter.builder().seed(42).writeBigCheckpoint(checkpoint, 10, bigFiles);
            Files.writeString(checkpoint.resolve("COMPLETE"), "");
            log.accept(String.format(Locale.ROOT, "generated %s in %.1f s", checkpoint.getFileName(), WriterBenchmark.seconds(t0)));
        }
    }

    /** Bytes of the commit JSON files of the commit-log table. */
    long commitJsonBytes() throws IOException {
        try (Stream<Path> s = Files.list(commits.resolve("_delta_log"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static boolean complete(Path table) {
        return Files.exists(table.resolve("COMPLETE"));
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(f);
            }
        }
    }
}
