package io.deltasql.bench;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.synth.SyntheticTable;
import io.deltasql.synth.SyntheticTableWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The CLI benchmark's input tables and the files of their raw rows, generated once into a directory
 * and reused (a {@code COMPLETE} marker, holding what the generator reported, says a table is whole;
 * a directory without it is written again). Every table is {@link SyntheticTableWriter}'s with seed
 * 42 and 8 partitions, so two runs — and two builds — read the same bytes.
 */
final class CliData {
    private static final String MARKER = "COMPLETE";
    private final Path dir;
    private final Consumer<String> log;

    CliData(Path dir, Consumer<String> log) {
        this.dir = dir;
        this.log = log;
    }

    /** An input table: where it is, what it is, and how many files are live at its end. */
    record Table(String name, Path path, String description, long liveFiles) {
        String location() {
            return path.toAbsolutePath().toString();
        }
    }

    /** A file of raw COPY rows: the same actions the import reads, for {@code psql \copy}. */
    record CopyFile(Path file, long rows, long versions) {
    }

    /** {@code versions} commits of {@code lines} lines each, no checkpoint: an import reads every commit (as WriterData). */
    Table commitLog(int versions, int lines) throws IOException {
        String name = String.format(Locale.ROOT, "commits-%dx%d", versions, lines);
        return table(name, String.format(Locale.ROOT, "%,d versions × %d lines", versions, lines), p -> SyntheticTableWriter.builder()
                .versions(versions).actionsPerVersion(lines).checkpointInterval(0).partitions(8).seed(42).write(p).liveFiles());
    }

    /** One classic checkpoint of {@code files} adds at version 10, and commit 10: a checkpoint base (as WriterData). */
    Table bigCheckpoint(long files) throws IOException {
        return table("checkpoint-" + files, String.format(Locale.ROOT, "a %,d-file checkpoint", files),
                p -> SyntheticTableWriter.builder().partitions(8).seed(42).writeBigCheckpoint(p, 10, files).liveFiles());
    }

    /**
     * A table shaped like a long-lived one written by Spark: thousands of commits of 27 lines (~20 %
     * removes, a txn every 10 versions, a schema change every 50), one classic checkpoint in Delta's
     * schema with the live adds, the tombstones, the txns, protocol and metaData, then 10 more
     * commits — so {@code --checkpoint-only} starts at the checkpoint. About {@code files} live files
     * at the checkpoint (each version adds ~15.6 net).
     */
    Table checkpointAfterHistory(long files) throws IOException {
        int versions = (int) Math.max(20, Math.round(files / 15.6) + 10);
        return table("history-" + files, String.format(Locale.ROOT,
                "%,d commits of 27 lines, one checkpoint at version %,d, 10 commits after", versions, versions - 11),
                p -> SyntheticTableWriter.builder().versions(versions).actionsPerVersion(27).checkpointInterval(versions - 11)
                        .partitions(8).seed(42).write(p).liveFiles());
    }

    /** {@code versions} commits of 25 lines with a checkpoint every 10 versions (Delta's default interval). */
    Table manyVersions(int versions) throws IOException {
        return table("many-versions-" + versions, String.format(Locale.ROOT,
                "%,d commits of 25 lines, a checkpoint every 10", versions), p -> SyntheticTableWriter.builder()
                .versions(versions).actionsPerVersion(25).checkpointInterval(10).partitions(8).seed(42).write(p).liveFiles());
    }

    /** The raw rows of what {@code import} reads from {@code table} (its whole plan, or from the latest checkpoint). */
    CopyFile copyFile(Table table, boolean checkpointOnly) throws IOException {
        Path file = dir.resolve(table.name() + (checkpointOnly ? "-checkpoint-only" : "") + ".copy");
        Path marker = file.resolveSibling(file.getFileName() + "." + MARKER);
        if (!Files.exists(marker)) {
            long t0 = System.nanoTime();
            long rows = 0;
            long versions = 0;
            StringBuilder row = new StringBuilder(1 << 12);
            try (DeltaLog log = DeltaLog.openLocal(table.location());
                 Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                VersionPlan plan = log.plan(0, null, checkpointOnly);
                try (CloseableIterator<VersionBatch> batches = log.versions(plan)) {
                    while (batches.hasNext()) {
                        VersionBatch b = batches.next();
                        versions++;
                        int ordinal = 0;
                        try (CloseableIterator<Action> actions = b.actions().open()) {
                            while (actions.hasNext()) {
                                row.setLength(0);
                                RawCopyRows.append(row, b.version(), ordinal++, actions.next());
                                out.append(row);
                                rows++;
                            }
                        }
                    }
                }
            }
            Files.writeString(marker, rows + " " + versions);
            log.accept(String.format(Locale.ROOT, "wrote %s: %,d rows of %,d versions in %.1f s", file.getFileName(), rows, versions,
                    WriterBenchmark.seconds(t0)));
            flushToDisk();
        }
        String[] counts = Files.readString(marker).trim().split(" ");
        return new CopyFile(file, Long.parseLong(counts[0]), Long.parseLong(counts[1]));
    }

    /**
     * Writes what was just generated out to disk before anything is timed: the first run on a new
     * machine measured the 10k {@code \copy} at 3.00 s while ~1 GB of freshly written tables and row
     * files were still being written back, against 1.72 s an hour later (a fresh cluster's first
     * {@code \copy} is only ~10 % slower: 2.19 against 1.91–1.98 s).
     */
    private static void flushToDisk() throws IOException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing the generated data to disk", e);
        }
    }

    private interface Generator {
        long write(Path table) throws IOException;
    }

    private Table table(String name, String description, Generator generator) throws IOException {
        Path path = dir.resolve(name);
        Path marker = path.resolve(MARKER);
        if (!Files.exists(marker)) {
            WriterData.deleteTree(path);
            long t0 = System.nanoTime();
            long live = generator.write(path);
            Files.writeString(marker, Long.toString(live));
            log.accept(String.format(Locale.ROOT, "generated %s (%s, %,d live files) in %.1f s", name, description, live,
                    WriterBenchmark.seconds(t0)));
            flushToDisk();
        }
        return new Table(name, path, description, Long.parseLong(Files.readString(marker).trim()));
    }
}
