package io.deltasql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One store under test, of either kind, removed on {@link #close()}: a {@link PgDatabase} of its
 * own, or a temporary directory for SQLite files. Targets are named by a group (the PostgreSQL
 * schema; the SQLite file {@code <group>.db}) and a table.
 */
public final class TestStore implements AutoCloseable {
    private final StoreKind kind;
    private final PgDatabase pg;
    private final Path dir;

    private TestStore(StoreKind kind, PgDatabase pg, Path dir) {
        this.kind = kind;
        this.pg = pg;
        this.dir = dir;
    }

    public static TestStore open(StoreKind kind) {
        if (kind == StoreKind.POSTGRES) {
            return new TestStore(kind, PgDatabase.create("deltasql_it"), null);
        }
        try {
            return new TestStore(kind, null, Files.createTempDirectory("deltasql-sqlite-it-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StoreKind kind() {
        return kind;
    }

    /**
     * The target URI of {@code table} in {@code group}: {@code deltasql://postgres/<db>/<group>/<table>?host=…}
     * or {@code deltasql://sqlite/<dir>/<group>.db/<table>} (an absolute path, hence the double slash).
     */
    public String uri(String group, String table) {
        if (kind == StoreKind.POSTGRES) {
            return pg.uri(group, table);
        }
        return "deltasql://sqlite/" + sqliteFile(group).toString().replace("%", "%25").replace(" ", "%20") + "/" + table;
    }

    /** The SQLite file of {@code group} (SQLite stores only). */
    public Path sqliteFile(String group) {
        if (dir == null) {
            throw new IllegalStateException("a " + kind + " store has no file");
        }
        return dir.resolve(group + ".db");
    }

    /** The PostgreSQL database (PostgreSQL stores only). */
    public PgDatabase postgres() {
        if (pg == null) {
            throw new IllegalStateException("a " + kind + " store has no PostgreSQL database");
        }
        return pg;
    }

    /** What exists in the store: PostgreSQL tables and schemas, or SQLite files — proof of "nothing changed". */
    public List<String> contents() {
        if (pg != null) {
            try {
                return pg.userObjects();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> "file " + p.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (pg != null) {
            pg.close();
        } else {
            deleteRecursively(dir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
