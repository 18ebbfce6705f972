package io.deltasql.log.storage;

import io.deltasql.log.DeltaLogException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/** Picks the storage for a table location. */
public final class LogStorages {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private LogStorages() {
    }

    /**
     * The storage for {@code location}: a plain path means the local file system; a URI uses its
     * scheme's Hadoop file system. {@code settings} are Hadoop configuration keys (endpoints,
     * credentials, path-style access) applied on top of Hadoop's defaults.
     */
    public static LogStorage forLocation(String location, Map<String, String> settings) {
        Configuration conf = new Configuration();
        settings.forEach(conf::set);
        URI uri = toUri(location);
        try {
            return new HadoopLogStorage(uri, conf);
        } catch (IOException | RuntimeException e) {
            throw new DeltaLogException(DeltaLogException.Kind.IO, "cannot open storage for " + uri + ": "
                    + e.getMessage() + " (check the location and the storage settings)", null, null, null, e);
        }
    }

    /** The location as a URI without a trailing slash: plain paths become absolute {@code file:} URIs. */
    public static URI toUri(String location) {
        if (SCHEME.matcher(location).matches() && !isWindowsDrive(location)) {
            return URI.create(stripTrailingSlash(location));
        }
        return URI.create(stripTrailingSlash(new File(location).getAbsoluteFile().toPath().normalize().toUri().toString()));
    }

    private static boolean isWindowsDrive(String location) {
        return location.length() > 1 && location.charAt(1) == ':' && Character.isLetter(location.charAt(0));
    }

    private static String stripTrailingSlash(String s) {
        String r = s;
        while (r.endsWith("/") && !r.endsWith("://") && !r.endsWith(":/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
