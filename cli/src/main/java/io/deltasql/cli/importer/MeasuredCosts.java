package io.deltasql.cli.importer;

import io.deltasql.cli.report.TimeEstimate;
import io.deltasql.log.action.ActionType;

/**
 * The figures behind {@code deltasql import --dry-run}'s estimates, in ONE place so they are easy to
 * re-measure. They are fitted to whole {@code deltasql import} processes of
 * {@code io.deltasql.bench.DryRunCalibration} ({@code bench/run-dryrun.sh}): shared tables and
 * synthetic logs from 100 to 100,000 versions and 1 to 10,000 actions per version, each imported
 * into a fresh PostgreSQL schema as users run it (validation on), its wall time and the dl_* tables'
 * {@code pg_total_relation_size} set against the dry run's estimate. docs/performance.md ("Dry-run
 * estimates") has the table of estimate/actual ratios, with the load average of each run, and how
 * each figure below was derived. Re-measure them together whenever the writer, the schema or the
 * start-up changes.
 *
 * <p>Time = start (JVM, CLI, opening the log) + connection and schema check (+ the Flyway
 * migration when the import would create the dl_* tables) + per version + a warm-up that saturates
 * after some thousand actions + per action + validation (a fixed part, the replay of every action
 * and the read-back of the SQL snapshot).
 *
 * <p>Size = the empty dl_* schema (when the import would create it) + per version + per action of
 * each type + per character of the text it stores (paths, stats, partition values; other actions as
 * JSON), the characters of one value beyond ~2 kB counted as PostgreSQL compresses them.
 */
public final class MeasuredCosts {
    /** Where the figures come from, printed with every estimate. */
    public static final String SOURCE = "fixed, per-version and per-action costs fitted to whole imports"
            + " (bench/run-dryrun.sh, PostgreSQL 15 as installed, a quiet 2-core machine), see MeasuredCosts and docs/performance.md";

    /** JVM start (with bin/deltasql's class-data sharing archive), picocli, logging, opening and listing the log. */
    public static final double START_SECONDS = 0.45;
    /** Connecting and checking the schema. */
    public static final double CONNECT_SECONDS = 0.1;
    /**
     * Flyway creating the dl_* schema (only when the import would create it). With start, connection and
     * validation: the fixed part, fitted 0.93 s (the imports of 2 to 16 versions took 0.85–1.06 s).
     */
    public static final double MIGRATE_SECONDS = 0.3;
    /**
     * The first thousands of actions run slower than the rest (JIT compilation of the read, write and
     * validation paths; PostgreSQL's plans and caches): {@code WARM_UP_SECONDS × (1 − e^(−actions / WARM_UP_ACTIONS))}.
     * Fitted 0.25 s on a quiet machine (12 s on a machine at load 5–9, where the JIT's threads waited for a core).
     */
    public static final double WARM_UP_SECONDS = 0.25;
    public static final double WARM_UP_ACTIONS = 5_000;
    /** Per version: its transaction share, its dl_table_versions row, the head update (fitted 77 µs; 100,000 versions of ~2 actions: 13.8 s). */
    public static final double SECONDS_PER_VERSION = 0.000_077;
    /** Per action written (parse, COPY, indexes): 16 µs (with validation's 5 µs, fitted 21 µs; 100 versions of 10,000 actions: 24.6 s). */
    public static final double SECONDS_PER_ACTION = 0.000_016;
    /** Validation: reading the checksum, the schema and protocol from both sides. */
    public static final double VALIDATE_SECONDS = 0.08;
    /** Validation's replay of the log into fingerprints and the streamed SQL side, per action (import-10k: ~1.5 s for 270,000). */
    public static final double REPLAY_SECONDS_PER_ACTION = 0.000_005;

    /** The dl_* tables, indexes and history of a new schema, empty. */
    public static final long EMPTY_SCHEMA_BYTES = 400_000;
    /** Per version: its dl_table_versions row and index entries. */
    public static final long VERSION_BYTES = 279;
    /** Per character of stored text (heap, plus the path in the live-file index). */
    public static final double BYTES_PER_TEXT_CHAR = 1.3;
    /** PostgreSQL compresses (TOAST) what one value holds beyond about 2 kB: metaData's schemaString of a wide table. */
    public static final int UNCOMPRESSED_CHARS = 2_000;
    /** What a character beyond {@link #UNCOMPRESSED_CHARS} still takes (schema JSON compresses about 7×). */
    public static final double COMPRESSED_CHAR = 0.15;

    private MeasuredCosts() {
    }

    /** Bytes of one action's rows and index entries beyond its text. */
    public static long bytesPerAction(ActionType type) {
        switch (type) {
            case ADD:
                return 200;
            case REMOVE:
                return 150;
            case METADATA:
                return 300;
            case PROTOCOL:
            case TXN:
                return 200;
            case CDC:
                return 200;
            default:
                return 50;
        }
    }

    /** The characters one action's text counts for, after compression of what is beyond {@link #UNCOMPRESSED_CHARS}. */
    public static long storedChars(long chars) {
        return chars <= UNCOMPRESSED_CHARS ? chars
                : UNCOMPRESSED_CHARS + Math.round((chars - UNCOMPRESSED_CHARS) * COMPRESSED_CHAR);
    }

    /** The estimated database growth of importing what {@code tally} counted. */
    public static long bytes(LogTally tally, boolean createsSchema) {
        double bytes = (createsSchema ? EMPTY_SCHEMA_BYTES : 0) + tally.versions() * (double) VERSION_BYTES;
        for (ActionType t : ActionType.values()) {
            bytes += tally.counts().get(t) * (double) bytesPerAction(t) + tally.textChars(t) * BYTES_PER_TEXT_CHAR;
        }
        return Math.round(bytes);
    }

    /** The estimated wall time of the whole {@code deltasql import} process. */
    public static TimeEstimate seconds(LogTally tally, boolean createsSchema, boolean validates) {
        long actions = tally.counts().total();
        double warmUp = WARM_UP_SECONDS * (1 - Math.exp(-actions / WARM_UP_ACTIONS));
        double validation = validates ? VALIDATE_SECONDS + actions * REPLAY_SECONDS_PER_ACTION : 0;
        return new TimeEstimate(START_SECONDS, CONNECT_SECONDS + (createsSchema ? MIGRATE_SECONDS : 0),
                tally.versions() * SECONDS_PER_VERSION, warmUp + actions * SECONDS_PER_ACTION, validation);
    }
}
