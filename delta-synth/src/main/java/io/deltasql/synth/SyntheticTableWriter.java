package io.deltasql.synth;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Writes the {@code _delta_log} of a realistic, deterministic Delta table (no data files): for the
 * CLI demo, tests and benchmarks.
 *
 * <p>Version 0 holds commitInfo, protocol and a partitioned metaData; every version holds a
 * commitInfo and file actions: removes of earlier live files (about {@code removeFraction} of them)
 * then adds with partition values and ~250-character JSON stats; every {@code metadataEvery}
 * versions the schema gains a column, every {@code txnEvery} versions a streaming txn is recorded.
 * Every {@code checkpointInterval} versions a classic Parquet checkpoint in Delta's own schema is
 * written with {@code _last_checkpoint}. Given the same seed the output is byte-identical, and
 * {@link #append} continues a table exactly as a longer {@link #write} would have written it.
 *
 * <pre>{@code
 * SyntheticTableWriter.builder().versions(100).actionsPerVersion(25).checkpointInterval(10)
 *         .partitions(8).seed(42).write(dir);
 * SyntheticTableWriter.builder().seed(42).writeBigCheckpoint(dir, 10, 1_000_000);
 * }</pre>
 */
public final class SyntheticTableWriter {
    private final int versions;
    private final int actionsPerVersion;
    private final int checkpointInterval;
    private final int partitions;
    private final long seed;
    private final double removeFraction;
    private final int metadataEvery;
    private final int txnEvery;
    private final long rowGroupBytes;

    private SyntheticTableWriter(Builder b) {
        this.versions = b.versions;
        this.actionsPerVersion = b.actionsPerVersion;
        this.checkpointInterval = b.checkpointInterval;
        this.partitions = b.partitions;
        this.seed = b.seed;
        this.removeFraction = b.removeFraction;
        this.metadataEvery = b.metadataEvery;
        this.txnEvery = b.txnEvery;
        this.rowGroupBytes = b.rowGroupBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    static String commitName(long version) {
        return String.format("%020d.json", version);
    }

    static String checkpointName(long version) {
        return String.format("%020d.checkpoint.parquet", version);
    }

    /** Creates a new table at {@code table} with versions 0..versions-1; fails if it already has a log. */
    public SyntheticTable write(Path table) throws IOException {
        Path log = table.resolve("_delta_log");
        if (Files.exists(log.resolve(commitName(0)))) {
            throw new IOException(table + " already holds a Delta log; use append() to add versions");
        }
        Files.createDirectories(log);
        return writeVersions(table, log, new SyntheticState());
    }

    /** Adds {@code versions} more versions to a table written by {@link #write} (same seed and settings). */
    public SyntheticTable append(Path table) throws IOException {
        Path log = table.resolve("_delta_log");
        return writeVersions(table, log, SyntheticState.replay(log));
    }

    private SyntheticTable writeVersions(Path table, Path log, SyntheticState state) throws IOException {
        long first = state.version + 1;
        long last = first + versions - 1;
        List<Long> checkpoints = new ArrayList<>();
        long lines = 0;
        for (long v = first; v <= last; v++) {
            List<Action> actions = nextVersion(state, v);
            writeCommit(log, v, actions);
            lines += actions.size();
            state.version = v;
            if (checkpointInterval > 0 && v > 0 && v % checkpointInterval == 0) {
                writeCheckpoint(log, state);
                checkpoints.add(v);
            }
        }
        TreeSet<String> paths = new TreeSet<>();
        state.liveFiles().forEach(a -> paths.add(a.path()));
        return new SyntheticTable(table, first, last, List.copyOf(checkpoints), lines, state.liveCount(),
                Collections.unmodifiableSortedSet(paths));
    }

    /** The actions of version {@code v}, already applied to {@code state}; removes precede adds. */
    private List<Action> nextVersion(SyntheticState state, long v) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + v);
        List<Action> head = new ArrayList<>();
        if (v == 0) {
            head.add(SyntheticActions.protocol());
            head.add(SyntheticActions.initialMetadata(seed, partitions));
        } else if (metadataEvery > 0 && v % metadataEvery == 0) {
            head.add(SyntheticActions.evolve(state.metadata, v));
        }
        if (txnEvery > 0 && v > 0 && v % txnEvery == 0) {
            head.add(new Txn("synthetic-stream-" + (v / txnEvery) % 2, v, SyntheticActions.commitTime(v), null));
        }
        head.forEach(state::apply);
        int fileActions = Math.max(1, actionsPerVersion - 1 - head.size());
        List<Action> files = new ArrayList<>(fileActions);
        int removes = 0;
        for (int i = 0; i < fileActions; i++) {
            if (state.liveCount() > 0 && r.nextDouble() < removeFraction) {
                RemoveFile remove = SyntheticActions.remove(state.randomLive(r), v);
                state.apply(remove);
                files.add(remove);
                removes++;
            }
        }
        int adds = fileActions - removes;
        for (int i = 0; i < adds; i++) {
            AddFile add = SyntheticActions.add(r, v, partitions, i);
            files.add(add);
        }
        files.stream().filter(AddFile.class::isInstance).forEach(state::apply);
        List<String> partitionColumns = state.metadata.partitionColumns() == null ? List.of()
                : state.metadata.partitionColumns();
        List<Action> all = new ArrayList<>(1 + head.size() + files.size());
        all.add(SyntheticActions.commitInfo(v, v == 0 ? "CREATE TABLE AS SELECT" : "WRITE", removes == 0, adds,
                removes, partitionColumns));
        all.addAll(head);
        all.addAll(files);
        return all;
    }

    private static void writeCommit(Path log, long v, List<Action> actions) throws IOException {
        Path tmp = log.resolve("." + commitName(v) + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Action a : actions) {
                w.write(ActionCodec.toJson(a));
                w.write('\n');
            }
        }
        Files.move(tmp, log.resolve(commitName(v)), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The state at {@code state.version} as Delta writes it: protocol, metaData, txns, live adds, tombstones. */
    private void writeCheckpoint(Path log, SyntheticState state) throws IOException {
        long v = state.version;
        Path tmp = log.resolve("." + checkpointName(v) + ".tmp");
        long rows;
        long adds;
        try (ClassicCheckpointWriter w = new ClassicCheckpointWriter(tmp, rowGroupBytes)) {
            w.write(state.protocol);
            w.write(state.metadata);
            for (Txn t : state.txns.values()) {
                w.write(t);
            }
            for (AddFile a : state.liveFiles()) {
                w.write(new AddFile(a.path(), a.partitionValues(), a.size(), a.modificationTime(), false, a.stats(),
                        a.tags(), a.deletionVector(), a.baseRowId(), a.defaultRowCommitVersion(),
                        a.clusteringProvider(), a.extra()));
            }
            for (RemoveFile r : state.tombstones()) {
                w.write(new RemoveFile(r.path(), r.deletionTimestamp(), false, r.extendedFileMetadata(),
                        r.partitionValues(), r.size(), r.stats(), r.tags(), r.deletionVector(), r.baseRowId(),
                        r.defaultRowCommitVersion(), r.extra()));
            }
            rows = w.rowCount();
            adds = w.addCount();
        }
        finishCheckpoint(log, tmp, v, rows, adds);
    }

    private static void finishCheckpoint(Path log, Path tmp, long v, long rows, long adds) throws IOException {
        long bytes = Files.size(tmp);
        Files.move(tmp, log.resolve(checkpointName(v)), StandardCopyOption.ATOMIC_MOVE);
        Path lastTmp = log.resolve("._last_checkpoint.tmp");
        Files.writeString(lastTmp, SyntheticActions.lastCheckpoint(v, rows, bytes, adds).toString());
        Files.move(lastTmp, log.resolve("_last_checkpoint"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A table whose state is one big checkpoint: {@code version.checkpoint.parquet} with protocol,
     * metaData and {@code files} adds, the commit {@code version.json} (commitInfo + the last of those
     * adds) and {@code _last_checkpoint}; earlier commits are absent, as after log cleanup. The adds
     * are generated and written one at a time: memory stays bounded by one Parquet row group.
     */
    public SyntheticTable writeBigCheckpoint(Path table, long version, long files) throws IOException {
        if (files < 1) {
            throw new IllegalArgumentException("files must be >= 1");
        }
        Path log = table.resolve("_delta_log");
        Files.createDirectories(log);
        SplittableRandom r = new SplittableRandom(seed);
        Metadata metadata = SyntheticActions.initialMetadata(seed, partitions);
        Path tmp = log.resolve("." + checkpointName(version) + ".tmp");
        AddFile last = null;
        long rows;
        try (ClassicCheckpointWriter w = new ClassicCheckpointWriter(tmp, rowGroupBytes)) {
            w.write(SyntheticActions.protocol());
            w.write(metadata);
            for (long i = 0; i < files; i++) {
                AddFile a = SyntheticActions.add(r, version - (files - 1 - i) * version / files, partitions, (int) (i % 100_000));
                last = a;
                w.write(new AddFile(a.path(), a.partitionValues(), a.size(), a.modificationTime(), false, a.stats(),
                        null, null, null, null, null, null));
            }
            rows = w.rowCount();
        }
        writeCommit(log, version, List.of(SyntheticActions.commitInfo(version, "WRITE", true, 1, 0,
                metadata.partitionColumns()), last));
        finishCheckpoint(log, tmp, version, rows, files);
        return new SyntheticTable(table, version, version, List.of(version), 2, files, Collections.emptySortedSet());
    }

    /** Settings; every one has a realistic default. */
    public static final class Builder {
        private int versions = 100;
        private int actionsPerVersion = 25;
        private int checkpointInterval = 10;
        private int partitions = 8;
        private long seed = 42;
        private double removeFraction = 0.2;
        private int metadataEvery = 50;
        private int txnEvery = 10;
        private long rowGroupBytes = 64L * 1024 * 1024;

        private Builder() {
        }

        /** Versions to write (by {@code write}: 0..n-1; by {@code append}: n more). */
        public Builder versions(int n) {
            this.versions = positive(n, "versions");
            return this;
        }

        /** Commit lines per version, commitInfo included (at least one file action is always written). */
        public Builder actionsPerVersion(int n) {
            this.actionsPerVersion = positive(n, "actionsPerVersion");
            return this;
        }

        /** A classic checkpoint every n versions; 0 for none. */
        public Builder checkpointInterval(int n) {
            this.checkpointInterval = Math.max(0, n);
            return this;
        }

        /** Distinct values of the {@code event_date} partition column; 0 for an unpartitioned table. */
        public Builder partitions(int n) {
            this.partitions = Math.max(0, n);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Probability that a file action removes an earlier live file instead of adding one. */
        public Builder removeFraction(double f) {
            this.removeFraction = Math.max(0, Math.min(1, f));
            return this;
        }

        /** A metaData change (new column) every n versions; 0 for none. */
        public Builder metadataEvery(int n) {
            this.metadataEvery = Math.max(0, n);
            return this;
        }

        /** A txn action every n versions; 0 for none. */
        public Builder txnEvery(int n) {
            this.txnEvery = Math.max(0, n);
            return this;
        }

        /** Parquet row group size of the checkpoints (bounds the reader's memory too). */
        public Builder rowGroupBytes(long bytes) {
            this.rowGroupBytes = bytes;
            return this;
        }

        public SyntheticTableWriter build() {
            return new SyntheticTableWriter(this);
        }

        public SyntheticTable write(Path table) throws IOException {
            return build().write(table);
        }

        public SyntheticTable append(Path table) throws IOException {
            return build().append(table);
        }

        public SyntheticTable writeBigCheckpoint(Path table, long version, long files) throws IOException {
            return build().writeBigCheckpoint(table, version, files);
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be >= 1");
            }
            return n;
        }
    }
}
