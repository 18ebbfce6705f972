package io.deltasql.log.replay;

import java.util.Comparator;

/**
 * The key of a logical file: its canonical path and deletion-vector id. Absolute paths are
 * compared without their {@code file:} scheme, as Delta Spark does after qualifying paths, so an
 * add of {@code /a/b} and a remove of {@code file:/a/b} (or {@code file:///a/b}) are the same file.
 * Relative paths (the normal case) are compared as written.
 *
 * <p>This is about the paths that actions name (relative to the table, or absolute), not about
 * where a table is: a table's location is an {@link io.deltasql.log.TableLocation}, parsed once
 * from what the user wrote. The two rules differ on purpose: a relative action path must stay
 * relative (it is resolved against the table), and a file path is never made absolute here.
 */
public record FileKey(String canonicalPath, String dvId) implements Comparable<FileKey> {
    private static final Comparator<FileKey> ORDER =
            Comparator.comparing(FileKey::canonicalPath).thenComparing(FileKey::dvId);

    /** The key of a file as an action names it; {@code dvId} is "" without a deletion vector. */
    public static FileKey of(String path, String dvId) {
        return new FileKey(canonical(path), dvId);
    }

    /** {@code path} without a {@code file:} scheme when it is an absolute local path; otherwise as written. */
    public static String canonical(String path) {
        if (path.regionMatches(true, 0, "file:", 0, 5)) {
            String rest = path.substring(5);
            if (rest.startsWith("//")) {
                // file:///x (empty authority) or file://localhost/x
                int slash = rest.indexOf('/', 2);
                String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
                if (authority.isEmpty() || authority.equalsIgnoreCase("localhost")) {
                    return slash < 0 ? "/" : rest.substring(slash);
                }
                return path;
            }
            if (rest.startsWith("/")) {
                return rest;
            }
        }
        return path;
    }

    @Override
    public int compareTo(FileKey other) {
        return ORDER.compare(this, other);
    }

    /** For messages: the canonical path, and {@code [dv <id>]} when the file has a deletion vector. */
    @Override
    public String toString() {
        return dvId == null || dvId.isEmpty() ? canonicalPath : canonicalPath + " [dv " + dvId + "]";
    }
}
