package io.deltasql.connect.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A Delta table a legacy writer keeps appending to: a copy of a shared table's {@code _delta_log}, then
 * one commit (commitInfo + an add) every {@code periodMs} on a thread of its own, each written under a
 * temporary name and renamed, so that a reader never sees half a file.
 */
final class LiveTable implements AutoCloseable {
    private final Path dir;
    private final long periodMs;
    private final Thread writer;
    private volatile boolean stopping;
    private volatile long lastVersion;

    private LiveTable(Path dir, long firstVersion, long periodMs) {
        this.dir = dir;
        this.periodMs = periodMs;
        this.lastVersion = firstVersion - 1;
        this.writer = new Thread(this::run, "live-table-" + dir.getFileName());
        this.writer.setDaemon(true);
    }

    /** Copies the shared table's log into {@code dir} and starts appending after its last version. */
    static LiveTable start(String sharedTable, Path dir, long periodMs) throws IOException {
        Path src = LiveConfigs.sharedTables().resolve(sharedTable).resolve("_delta_log");
        Path log = Files.createDirectories(dir.resolve("_delta_log"));
        long last = -1;
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f)) {
                    Files.copy(f, log.resolve(name));
                    if (name.matches("\\d{20}\\.json")) {
                        last = Math.max(last, Long.parseLong(name.substring(0, 20)));
                    }
                }
            }
        }
        LiveTable t = new LiveTable(dir, last + 1, periodMs);
        t.writer.start();
        return t;
    }

    Path dir() {
        return dir;
    }

    /** The last version written so far. */
    long lastVersion() {
        return lastVersion;
    }

    private void run() {
        try {
            while (!stopping) {
                append(lastVersion + 1);
                Thread.sleep(periodMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void append(long version) {
        long now = System.currentTimeMillis();
        String commit = "{\"commitInfo\":{\"timestamp\":" + now + ",\"operation\":\"WRITE\"}}\n"
                + "{\"add\":{\"path\":\"part-" + version + ".parquet\",\"partitionValues\":{},\"size\":" + (100 + version)
                + ",\"modificationTime\":" + now + ",\"dataChange\":true}}\n";
        Path log = dir.resolve("_delta_log");
        try {
            Path tmp = log.resolve("." + version + ".json.tmp");
            Files.writeString(tmp, commit);
            Files.move(tmp, log.resolve(String.format("%020d.json", version)), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastVersion = version;
    }

    /** Stops appending; returns the last version written. */
    long stop() throws InterruptedException {
        stopping = true;
        writer.join(10_000);
        return lastVersion;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
