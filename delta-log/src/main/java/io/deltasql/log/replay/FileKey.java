package io.deltasql.log.replay;

/**
 * The key of a logical file: its canonical path and deletion-vector id. Absolute paths are
 * compared without their {@code file:} scheme, as Delta Spark does after qualifying paths, so an
 * add of {@code /a/b} and a remove of {@code file:/a/b} (or {@code file:///a/b}) are the same file.
 * Relative paths (the normal case) are compared as written.
 */
public record FileKey(String canonicalPath, String dvId) {
    public static FileKey of(String path, String dvId) {
        return new FileKey(canonical(path), dvId);
    }

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
}
