package io.deltasql.store.sqlite;

import io.deltasql.store.SqliteTarget;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * Connections to a store file, each with the same settings: WAL (readers never wait for the writer,
 * a crash loses only uncommitted transactions), foreign keys on (their cascade deletes a table's
 * rows), and how long a statement waits for another connection's write lock.
 */
final class SqliteConnections {
    /**
     * The store's own statements (register, provenance) do not wait for the file's write lock: its
     * holder is nearly always a writer in the middle of an import, which keeps it until it is done,
     * so the answer is at once the one line "being written by another deltasql writer".
     */
    static final int STORE_BUSY_MILLIS = 0;
    /** A writer re-taking its lock right after a COMMIT waits this long for another's short transaction. */
    static final int RELOCK_BUSY_MILLIS = 5_000;
    /**
     * A writer's page cache, in KiB (native memory, not the Java heap, taken only as pages are used):
     * file keys carry random UUIDs, so each add lands on a random page of the live index; SQLite's
     * default 2 MB stops holding that index after a few hundred thousand files. 256 MB holds a group
     * of {@link SqliteGroups#MAX_ACTIONS} actions' dirty pages, so a hot index page goes to the WAL
     * once per group instead of again each time the cache spills it (docs/performance.md, "SQLite store").
     */
    static final int WRITER_CACHE_KIB = 256 * 1024;
    /**
     * A writer's WAL pages before SQLite copies them back into the file (its default is 1,000, 4 MB):
     * an import rewrites the same index pages group after group, and each checkpoint copies a page
     * once however often it was rewritten since the last, so fewer checkpoints write less. 64 MB of
     * WAL at most between checkpoints; the last one runs when the writer closes.
     */
    static final int WRITER_AUTOCHECKPOINT_PAGES = 16_384;

    private SqliteConnections() {
    }

    /** @param busyMillis 0 = fail at once when another connection holds the write lock */
    static Connection open(SqliteTarget target, int busyMillis, boolean synchronousFull) throws SQLException {
        return open(target, busyMillis, synchronousFull, 0);
    }

    /**
     * A writer's connection: as {@link #open(SqliteTarget, int, boolean)}, with a page cache of
     * {@link #WRITER_CACHE_KIB}, {@link #WRITER_AUTOCHECKPOINT_PAGES}, and foreign keys not enforced:
     * every row it inserts carries the table_id of the table it has just read the head of, under the
     * file's write lock (no other connection can delete that table meanwhile), so the per-row probe of
     * dl_tables only cost time. The cascades of a table's delete run on the store's connections.
     */
    static Connection openWriter(SqliteTarget target, boolean synchronousFull) throws SQLException {
        return open(target, 0, synchronousFull, WRITER_CACHE_KIB);
    }

    private static Connection open(SqliteTarget target, int busyMillis, boolean synchronousFull, int cacheKib)
            throws SQLException {
        boolean writer = cacheKib > 0;
        SQLiteConfig config = new SQLiteConfig();
        if (writer) {
            config.setCacheSize(-cacheKib); // negative: KiB, not pages
            config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(WRITER_AUTOCHECKPOINT_PAGES));
        }
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(!writer);
        config.setBusyTimeout(busyMillis);
        // WAL + NORMAL is durable against a process crash (kill -9); FULL also against power loss.
        config.setSynchronous(synchronousFull ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        return config.createConnection(target.jdbcUrl());
    }

    /**
     * A read-only connection that leaves no trace: while no connection has the file open (no
     * {@code -wal} file beside it) it is opened immutable, since a read-only connection would
     * otherwise leave the {@code -wal} and {@code -shm} files it cannot delete; else read-only, the
     * files being there already. For --dry-run; the file must exist.
     */
    static Connection openTraceless(SqliteTarget target) throws SQLException {
        if (java.nio.file.Files.exists(java.nio.file.Path.of(target.file() + "-wal"))) {
            return openReadOnly(target);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        return config.createConnection("jdbc:sqlite:" + target.file().toUri() + "?immutable=1");
    }

    /** A read-only connection that creates nothing (for --dry-run); the file must exist. */
    static Connection openReadOnly(SqliteTarget target) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(RELOCK_BUSY_MILLIS);
        return config.createConnection(target.jdbcUrl());
    }
}
