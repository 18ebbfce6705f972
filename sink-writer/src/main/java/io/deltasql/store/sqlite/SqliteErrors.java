package io.deltasql.store.sqlite;

import io.deltasql.store.SqliteTarget;
import io.deltasql.store.StoreException;
import io.deltasql.store.TableBusyException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns a SQLite failure into a one-line {@link StoreException} naming the file and what to do. */
public final class SqliteErrors {
    private SqliteErrors() {
    }

    public static StoreException wrap(SqliteTarget target, String doing, SQLException e) {
        SQLiteErrorCode code = code(e);
        String file = target.file().toString();
        if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED) {
            return busy(target);
        }
        if (code == SQLiteErrorCode.SQLITE_FULL) {
            return new StoreException("the disk holding " + file + " is full while " + doing
                    + " — free space, then re-run (nothing of the failed version was kept)", e);
        }
        if (code == SQLiteErrorCode.SQLITE_CANTOPEN || code == SQLiteErrorCode.SQLITE_PERM) {
            return new StoreException("cannot open the SQLite file " + file + " while " + doing
                    + " — check that its directory exists and is writable", e);
        }
        if (code == SQLiteErrorCode.SQLITE_READONLY) {
            return new StoreException("the SQLite file " + file + " is read-only while " + doing
                    + " — check its permissions (and those of its directory, for the -wal and -shm files)", e);
        }
        if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT) {
            return new StoreException(file + " is not a SQLite database (or is damaged) — name another file", e);
        }
        return new StoreException("SQLite error in " + file + " while " + doing + ": " + oneLine(e.getMessage()), e);
    }

    /** The one line a second writer gets. */
    public static TableBusyException busy(SqliteTarget target) {
        return new TableBusyException("the SQLite file " + target.file() + " is being written by another deltasql writer;"
                + " one writer at a time per file — wait for it to finish or stop it");
    }

    private static SQLiteErrorCode code(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return s.getResultCode();
            }
        }
        return SQLiteErrorCode.getErrorCode(e.getErrorCode());
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
