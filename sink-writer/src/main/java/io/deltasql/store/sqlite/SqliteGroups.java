package io.deltasql.store.sqlite;

import io.deltasql.store.write.WriterOptions;

/**
 * How many versions a SQLite writer commits together. A SQLite COMMIT writes every page the group
 * dirtied to the WAL, and an import dirties the same pages group after group: the live-file index
 * takes each group's adds and removes at keys all over it, the primary-key indexes and the version
 * rows grow at their right edge. Ten groups of 5,000 actions write those pages ten times, one group
 * of 50,000 once. PostgreSQL's default group (5,000 actions or 200 ms) is sized for a server that
 * makes the commit durable without rewriting pages; SQLite's is {@value #MIN_ACTIONS} actions or
 * {@value #MIN_MILLIS} ms: readers of the file then see an import move on every 2 s instead of
 * 200 ms, and the group's dirty pages (~30 MB at 50,000 actions of the benchmark's log) still fit
 * the writer's page cache ({@link SqliteConnections#WRITER_CACHE_KIB}), so they go to the WAL once,
 * at the commit.
 */
final class SqliteGroups {
    static final long MIN_ACTIONS = 50_000;
    static final long MIN_MILLIS = 2_000;

    private SqliteGroups() {
    }

    /** The options with their group raised to SQLite's minimum; one transaction per version stays so. */
    static WriterOptions of(WriterOptions options) {
        if (!options.groupCommit()) {
            return options;
        }
        return options.withGroup(Math.max(options.groupMaxActions(), MIN_ACTIONS),
                Math.max(options.groupMaxMillis(), MIN_MILLIS));
    }
}
