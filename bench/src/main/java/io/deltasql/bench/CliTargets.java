package io.deltasql.bench;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI benchmark's target databases: one per build and table, created empty for an import and
 * dropped when no row needs it any more (or at the end), so no import shares its database.
 */
final class CliTargets implements AutoCloseable {
    /** Imports {@code table} into {@code db} with {@code build}, untimed; fails if the import does. */
    interface Importer {
        void importInto(CliBuild build, CliData.Table table, boolean checkpointOnly, WriterDatabase db) throws Exception;
    }

    private final Map<String, WriterDatabase> databases = new LinkedHashMap<>();
    private final Importer setup;

    CliTargets(Importer setup) {
        this.setup = setup;
    }

    /** An empty database for a timed import (a previous one of the same build and table is dropped). */
    WriterDatabase fresh(CliBuild b, CliData.Table t, boolean checkpointOnly) throws SQLException {
        drop(b, t, checkpointOnly);
        WriterDatabase db = new WriterDatabase();
        databases.put(key(b, t, checkpointOnly), db);
        return db;
    }

    /** The database holding {@code t} as imported by {@code b}: a timed row's, or an untimed import's. */
    WriterDatabase imported(CliBuild b, CliData.Table t, boolean checkpointOnly) throws Exception {
        WriterDatabase db = databases.get(key(b, t, checkpointOnly));
        if (db == null) {
            db = fresh(b, t, checkpointOnly);
            setup.importInto(b, t, checkpointOnly, db);
        }
        return db;
    }

    void drop(CliBuild b, CliData.Table t, boolean checkpointOnly) throws SQLException {
        WriterDatabase db = databases.remove(key(b, t, checkpointOnly));
        if (db != null) {
            db.close();
        }
    }

    @Override
    public void close() throws SQLException {
        for (WriterDatabase db : databases.values()) {
            db.close();
        }
        databases.clear();
    }

    private static String key(CliBuild b, CliData.Table t, boolean checkpointOnly) {
        return b.name() + "/" + t.name() + (checkpointOnly ? "/checkpoint-only" : "");
    }
}
