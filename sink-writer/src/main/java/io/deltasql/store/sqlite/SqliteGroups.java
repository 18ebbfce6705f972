package io.deltasql.store.sqlite;

import io.deltasql.store.write.WriterOptions;

/**
 * How many versions a SQLite writer commits together. A SQLite COMMIT writes every page the group
 * dirtied to the WAL, and an import dirties the same pages group after group: the live-file index
 * takes each group's adds and removes at keys all over it, ending a file rewrites the page of its
 * row, the primary-key indexes and the version rows grow at their right edge. Ten groups of 50,000
 * actions write those pages ten times, one group of 500,000 once. PostgreSQL's default group (5,000
 * actions or 200 ms) is sized for a server that makes the commit durable without rewriting pages.
 *
 * <p>A SQLite writer's first group is {@value #FIRST_ACTIONS} actions or {@value #FIRST_MILLIS} ms
 * (whichever comes first), and each commit doubles the next, up to {@value #MAX_ACTIONS} actions or
 * {@value #MAX_MILLIS} ms: readers of the file (and a killed import's {@code --resume}) see an
 * import's first versions within 2 s, and a long import writes in big groups. A killed import loses
 * at most its last group (up to 20 s of work), which {@code --resume} redoes. The biggest group's
 * dirty pages fit the writer's page cache ({@link SqliteConnections#WRITER_CACHE_KIB}), so they go
 * to the WAL once, at the commit. Measured on the benchmark's 100k versions × 25 actions under
 * schema V3 (docs/performance.md, "SQLite store"): groups of 50,000 / 2 s wrote 7.7 GB in 136–138 s,
 * 200,000 / 8 s 5.9 GB in 118–125 s, 500,000 / 20 s 4.8 GB in 109 s.
 */
final class SqliteGroups {
    static final long FIRST_ACTIONS = 50_000;
    static final long FIRST_MILLIS = 2_000;
    static final long MAX_ACTIONS = 500_000;
    static final long MAX_MILLIS = 20_000;

    private SqliteGroups() {
    }

    /** The first group: the options' group raised to SQLite's first size; one transaction per version stays so. */
    static WriterOptions of(WriterOptions options) {
        if (!options.groupCommit()) {
            return options;
        }
        return options.withGroup(Math.max(options.groupMaxActions(), FIRST_ACTIONS),
                Math.max(options.groupMaxMillis(), FIRST_MILLIS));
    }

    /** The group after a commit of {@code group}: twice its size, up to the largest (a larger one asked for is kept). */
    static WriterOptions next(WriterOptions group) {
        if (!group.groupCommit()) {
            return group;
        }
        return group.withGroup(Math.max(group.groupMaxActions(), Math.min(2 * group.groupMaxActions(), MAX_ACTIONS)),
                Math.max(group.groupMaxMillis(), Math.min(2 * group.groupMaxMillis(), MAX_MILLIS)));
    }
}
