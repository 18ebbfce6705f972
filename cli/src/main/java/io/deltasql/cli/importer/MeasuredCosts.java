package io.deltasql.cli.importer;

import io.deltasql.log.action.ActionType;

/**
 * The figures behind {@code deltasql import --dry-run}'s estimates, in ONE place so they are easy
 * to re-measure. They are measurements, not guesses: bytes per action are
 * {@code pg_total_relation_size} of the dl_* tables (heap + indexes + TOAST) divided by the rows
 * of each kind after importing a synthetic table; the rate is the end-to-end import speed on the
 * same run. See docs/performance.md for the machine, the table and the command; rerun the bench and
 * update these when the writer or the schema changes.
 */
public final class MeasuredCosts {
    /** Where the figures come from, printed with every estimate. */
    public static final String SOURCE =
            "per-action sizes and import rate measured on a synthetic table (PostgreSQL 15, 2 cores), see docs/performance.md";

    /** Average bytes in PostgreSQL (rows + indexes + TOAST) per add action, stats JSON included. */
    public static final long ADD_BYTES = 1_150;
    public static final long REMOVE_BYTES = 650;
    public static final long METADATA_BYTES = 2_400;
    public static final long PROTOCOL_BYTES = 300;
    public static final long TXN_BYTES = 250;
    public static final long CDC_BYTES = 600;
    /** commitInfo and the rest: mostly the JSON kept whole. */
    public static final long OTHER_BYTES = 900;
    /** Per version: dl_table_versions row, its index entries and the commit info's typed columns. */
    public static final long VERSION_BYTES = 350;

    /** Sustained import rate, actions per second, for a table with many small commits. */
    public static final double ACTIONS_PER_SECOND = 9_000;
    /** Fixed cost of one version (one transaction: begin, head update, commit), milliseconds. */
    public static final double MILLIS_PER_VERSION = 2.5;

    private MeasuredCosts() {
    }

    public static long bytesPerAction(ActionType type) {
        switch (type) {
            case ADD:
                return ADD_BYTES;
            case REMOVE:
                return REMOVE_BYTES;
            case METADATA:
                return METADATA_BYTES;
            case PROTOCOL:
                return PROTOCOL_BYTES;
            case TXN:
                return TXN_BYTES;
            case CDC:
                return CDC_BYTES;
            default:
                return OTHER_BYTES;
        }
    }
}
