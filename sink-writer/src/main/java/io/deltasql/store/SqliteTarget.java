package io.deltasql.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A SQLite database file and the Delta table's name in it:
 * {@code deltasql://sqlite/<path-to-file>/<table>}. The path is everything between
 * {@code deltasql://sqlite/} and the last {@code /}: {@code deltasql://sqlite/demo.db/events} is
 * {@code ./demo.db} (relative to the working directory), {@code deltasql://sqlite//tmp/demo.db/events}
 * is {@code /tmp/demo.db} (absolute: a second slash, as in SQLAlchemy's {@code sqlite:////abs}).
 * Segments are percent-decoded ({@code %20} for a space). The file is created when missing.
 */
public final class SqliteTarget implements StoreTarget {
    static final String PREFIX = "deltasql://sqlite/";
    public static final String GRAMMAR = "deltasql://sqlite/<path-to-file>/<table> (relative to the working directory; "
            + "deltasql://sqlite//abs/path/file.db/<table> for an absolute path)";

    private final Path file;
    private final String table;

    public SqliteTarget(Path file, String table) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.table = table;
    }

    /** Parses {@code deltasql://sqlite/<path-to-file>/<table>}; anything else is refused with a hint. */
    public static SqliteTarget parse(String uri) {
        if (!uri.startsWith(PREFIX)) {
            throw new IllegalArgumentException("unsupported SQLite target '" + uri + "': expected " + GRAMMAR);
        }
        String rest = uri.substring(PREFIX.length());
        if (rest.contains("?") || rest.contains("#")) {
            throw new IllegalArgumentException("SQLite target '" + uri + "' has a query or fragment; a SQLite target takes "
                    + "none: " + GRAMMAR);
        }
        int slash = rest.lastIndexOf('/');
        String pathText = slash < 0 ? "" : decode(rest.substring(0, slash));
        String table = slash < 0 ? decode(rest) : decode(rest.substring(slash + 1));
        if (table.isEmpty()) {
            throw new IllegalArgumentException("SQLite target '" + uri + "' names no table after the file: " + GRAMMAR);
        }
        if (pathText.isEmpty()) {
            throw new IllegalArgumentException("SQLite target '" + uri + "' names no database file"
                    + (looksLikeFile(table) ? " ('" + table + "' is read as the table name)" : "") + ": " + GRAMMAR
                    + ", e.g. deltasql://sqlite/demo.db/events");
        }
        if (looksLikeFile(table)) {
            throw new IllegalArgumentException("SQLite target '" + uri + "' ends with '" + table
                    + "', which would be the table name: add the table after the file, " + GRAMMAR);
        }
        try {
            return new SqliteTarget(Path.of(pathText), table);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("SQLite target '" + uri + "': '" + pathText + "' is not a valid path ("
                    + e.getReason() + ")");
        }
    }

    private static boolean looksLikeFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".db") || n.endsWith(".sqlite") || n.endsWith(".sqlite3");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The database file, absolute. */
    public Path file() {
        return file;
    }

    /** The JDBC URL of the file (no parameters: the store sets its pragmas per connection). */
    public String jdbcUrl() {
        return "jdbc:sqlite:" + file;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public SqliteTarget withTable(String name) {
        return new SqliteTarget(file, name);
    }

    @Override
    public String tableLabel() {
        return table;
    }

    @Override
    public String describe() {
        return "sqlite " + file + (table == null ? "" : " table " + table);
    }

    @Override
    public String uri() {
        return PREFIX + encode(file.toString()) + "/" + encode(table == null ? "" : table);
    }

    private static String encode(String s) {
        return s.replace("%", "%25").replace(" ", "%20").replace("?", "%3F").replace("#", "%23");
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqliteTarget t && t.file.equals(file) && Objects.equals(t.table, table);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, table);
    }
}
