package io.deltasql.log;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a Delta table is: parsed once, at the edge, from what the user wrote (a command-line
 * argument, a connector's {@code tables} entry), and passed on as this value. Its text is the one
 * canonical form of the location, so two locations are the same table exactly when they are
 * {@link #equals equal}:
 * <ul>
 * <li>a plain path (absolute, relative to the working directory, or a Windows drive path) and a
 *     {@code file:} URI ({@code file:/x}, {@code file:///x}, {@code file://localhost/x}) become the
 *     absolute, normalised {@code file:///x};</li>
 * <li>any other URI ({@code s3://}, {@code s3a://}, {@code gs://}, {@code abfs[s]://}, {@code az://}, …)
 *     stays as written with its scheme in lower case;</li>
 * <li>trailing slashes are dropped ({@code s3://bucket/t/} is {@code s3://bucket/t}).</li>
 * </ul>
 * {@code s3://} and {@code s3a://} name the same objects but stay different locations: the text is
 * what offsets and registrations are keyed by, and what the user sees.
 *
 * <p>Not the same idea as {@link io.deltasql.log.replay.FileKey#canonical}: that compares the data
 * file paths inside actions, which are usually relative to the table and must stay so.
 */
public final class TableLocation {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private final URI uri;
    private final String text;

    private TableLocation(URI uri) {
        this.uri = uri;
        this.text = uri.toString();
    }

    /**
     * Parses {@code location}.
     *
     * @throws DeltaLogException NOT_A_TABLE, with a one-line message, when it is no valid path or URI
     */
    public static TableLocation of(String location) {
        try {
            if (location.isBlank()) {
                throw new IllegalArgumentException("it is empty");
            }
            if (!SCHEME.matcher(location).matches() || isWindowsDrive(location)) {
                return local(Path.of(location));
            }
            URI uri = new URI(withoutTrailingSlashes(location));
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("file")) {
                return local(Path.of(new URI("file", null, localPathOf(uri), null)));
            }
            return new TableLocation(new URI(scheme + uri.toString().substring(scheme.length())));
        } catch (URISyntaxException | IllegalArgumentException e) { // InvalidPathException included
            throw new DeltaLogException(DeltaLogException.Kind.NOT_A_TABLE, "'" + location + "' is not a table "
                    + "location: " + e.getMessage() + " (give a path, or a URI such as s3://bucket/path/to/table)");
        }
    }

    private static TableLocation local(Path path) {
        return new TableLocation(URI.create(withoutTrailingSlashes(path.toAbsolutePath().normalize().toUri().toString())));
    }

    /** The path of a {@code file:} URI; a host other than {@code localhost} is no local file. */
    private static String localPathOf(URI uri) {
        String host = uri.getAuthority();
        if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
            throw new IllegalArgumentException("file: URI with host '" + host + "' (write file:///path for a local table)");
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            throw new IllegalArgumentException("file: URI without a path");
        }
        return uri.getPath();
    }

    private static boolean isWindowsDrive(String location) {
        return location.length() > 1 && location.charAt(1) == ':' && Character.isLetter(location.charAt(0));
    }

    /**
     * {@code uri} without trailing slashes, but never shorter than its root ({@code s3://}, {@code file:/}):
     * the rule every storage driver applies to a directory it is given.
     */
    public static String withoutTrailingSlashes(String uri) {
        String r = uri;
        while (r.endsWith("/") && !r.endsWith("://") && !r.endsWith(":/") && r.length() > 1) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    public URI uri() {
        return uri;
    }

    /** The scheme in lower case: {@code file} for a local table. */
    public String scheme() {
        return uri.getScheme();
    }

    /** The bucket, container or account part ({@code bucket} of {@code s3://bucket/t}); null for a local table. */
    public String authority() {
        return uri.getAuthority();
    }

    public boolean isLocal() {
        return scheme().equals("file");
    }

    /** {@code child} (a relative path such as {@code _delta_log}) inside the table. */
    public String resolve(String child) {
        return text.endsWith("/") ? text + child : text + "/" + child;
    }

    /** The canonical text: what messages show and what offsets and registrations are keyed by. */
    @Override
    public String toString() {
        return text;
    }

    /** The same table: the same canonical text. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TableLocation other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
