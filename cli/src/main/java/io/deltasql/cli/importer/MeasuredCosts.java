package io.deltasql.cli.importer;

import io.deltasql.log.action.ActionType;

/**
 * The figures behind {@code deltasql import --dry-run}'s estimates, in ONE place so they are easy
 * to re-measure. They are measurements, not guesses:
 *
 * <p>Sizes: {@code deltasql demo --versions 1000 --checkpoint-interval 100} (SyntheticTableWriter:
 * 25 actions per version, adds with ~250-character stats, 8 partitions) into an empty database,
 * then {@code pg_total_relation_size} (heap + indexes + TOAST) of each dl_* table divided by its
 * rows: 19,023 adds 14.0 MB, 4,857 removes 1.34 MB, 1,000 commitInfos 532 kB, 1,000 versions
 * 279 kB, 20 metaData 98 kB, 99 txns 82 kB (the last two are dominated by minimum page and index
 * sizes, so they overstate a large table). Protocol and cdc: not in that table; protocol is
 * estimated like a small txn row, cdc like a remove plus partition values.
 *
 * <p>Rate: {@code deltasql import <the writer benchmark's 100k-version log> deltasql://postgres/db/s/t
 * --up-to-version 19999 --skip-validation} (20,000 versions, 500,000 actions, group commit: the
 * default), 2026-11-24 after the writer's fresh plans and background group commit (docs/performance.md,
 * Writer): 26.2 s from start to finish as recorded in dl_tables, ~19,000 actions/s, while another build
 * kept the machine busy (load average ~4; the writer benchmark reaches ~31,000/s on a quiet machine).
 * Earlier: ~3,700 actions/s (a 25,000-action demo, before those fixes), ~205 before the plan fixes
 * of session 1. Re-measure and update these numbers and docs/performance.md together whenever the
 * writer or the schema changes.
 */
public final class MeasuredCosts {
    /** Where the figures come from, printed with every estimate. */
    public static final String SOURCE = "per-action sizes and import rate measured with 'deltasql demo --versions 1000'"
            + " (PostgreSQL 15, shared 2-core machine), see MeasuredCosts and docs/performance.md";

    /** Bytes in PostgreSQL (rows + indexes + TOAST) per add action with ~250-character stats. */
    public static final long ADD_BYTES = 738;
    public static final long REMOVE_BYTES = 277;
    public static final long METADATA_BYTES = 4_900;
    public static final long PROTOCOL_BYTES = 300;
    public static final long TXN_BYTES = 300;
    public static final long CDC_BYTES = 350;
    /** commitInfo (measured) and the rest (domainMetadata, sidecars, unknown actions): mostly JSON kept whole. */
    public static final long OTHER_BYTES = 532;
    /** Per version: its dl_table_versions row and index entries. */
    public static final long VERSION_BYTES = 279;

    /** Sustained import rate, actions per second (see above; a busy machine or server is slower). */
    public static final double ACTIONS_PER_SECOND = 19_000;
    /** The per-version cost is folded into ACTIONS_PER_SECOND (measured end to end with 25 actions per version). */
    public static final double MILLIS_PER_VERSION = 0;

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
