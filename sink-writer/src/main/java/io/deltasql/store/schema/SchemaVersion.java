package io.deltasql.store.schema;

import io.deltasql.store.SchemaOutdatedException;
import io.deltasql.store.StoreException;
import java.util.Collection;

/**
 * The dl_* schema version this code reads and writes, and the check a read-only command makes with
 * one query instead of running Flyway (issue #18: Flyway's {@code migrate()} cost a small command
 * ~2 s of CPU). {@link #POSTGRES} and {@link #SQLITE} are the highest migration of each store; a test
 * keeps them equal to the scripts on the class path.
 */
public final class SchemaVersion {
    /** The highest of {@code io/deltasql/store/schema/migration/V*.sql}. */
    public static final String POSTGRES = "4";
    /**
     * The lowest PostgreSQL schema read commands read as it is: V3 only dropped the action tables'
     * foreign keys, and a store before V4 has no dl_file_ends, which is as if it had no pending end
     * ({@link #POSTGRES_FILE_ENDS}), so a V2 store needs no upgrade to be read.
     */
    public static final String POSTGRES_READABLE = "2";
    /** The PostgreSQL schema that has dl_file_ends (a file's end written as a row, settled later). */
    public static final String POSTGRES_FILE_ENDS = "4";
    /** The highest migration in {@code io/deltasql/store/sqlite/migration} ({@code V*.sql} or a Java {@code V*} class). */
    public static final String SQLITE = "3";
    /**
     * The lowest SQLite schema read commands read as it is: V3 only re-keyed the live-file index by
     * a table number ({@link #SQLITE_TABLE_NUMBERS}); a V2 file is read through V2's index.
     */
    public static final String SQLITE_READABLE = "2";
    /** The SQLite schema whose live-file index is keyed by {@code dl_tables.table_no}. */
    public static final String SQLITE_TABLE_NUMBERS = "3";

    /** The versions recorded as applied, read by {@link #APPLIED_SQL} ({@code {s}} = the history table's schema). */
    public static final String APPLIED_SQL = "SELECT version FROM {s}." + SchemaMigrator.HISTORY_TABLE
            + " WHERE success AND version IS NOT NULL";

    private SchemaVersion() {
    }

    /**
     * Refuses a store whose recorded versions stop below {@code current}, naming the command that
     * upgrades it. A store newer than this code is read as it is (as Flyway, which ignores future
     * migrations, would have).
     *
     * @param applied the {@code version} of every successful row of dl_schema_history (a baseline's "0" included)
     * @param where   the store, for the message ("schema delta at localhost:5432/lake")
     * @param target  the target as the user would type it, for the command named in the message
     */
    public static void requireCurrent(Collection<String> applied, String current, String where, String target) {
        String highest = null;
        for (String v : applied) {
            if (highest == null || compare(v, highest) > 0) {
                highest = v;
            }
        }
        if (highest == null || compare(highest, current) < 0) {
            throw outdated(where, highest == null ? "none recorded" : "version " + highest, current, target);
        }
    }

    /** Whether the recorded versions reach {@code version}. */
    public static boolean reaches(Collection<String> applied, String version) {
        return applied.stream().anyMatch(v -> compare(v, version) >= 0);
    }

    /** The store has dl_* tables, but not at this code's schema version: read commands change nothing, so say how to upgrade. */
    public static SchemaOutdatedException outdated(String where, String found, String current, String target) {
        return new SchemaOutdatedException("the dl_* tables in " + where + " are at schema " + found
                + ", this deltasql reads version " + current + ": run 'deltasql upgrade " + target
                + "' (or 'deltasql import SOURCE " + target + " --resume'), then retry — read commands never change the database");
    }

    /** No dl_* tables at all: nothing was ever imported there. */
    public static StoreException notImported(String where, String table) {
        return new StoreException("no imported table '" + table + "' in " + where
                + " (no deltasql tables there): run 'deltasql import' first");
    }

    /** Flyway's version order: dot-separated numbers, compared part by part ("1.10" after "1.9"). */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i].trim()) : 0;
            long q = i < y.length ? Long.parseLong(y[i].trim()) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
