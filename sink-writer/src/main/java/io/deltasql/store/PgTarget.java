package io.deltasql.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the dl_* tables live and which name the Delta table gets there.
 *
 * <p>Accepted forms:
 * <ul>
 *   <li>{@code deltasql://postgres/<db>/<schema>/<table>?host=&port=&user=&password=&sslmode=}</li>
 *   <li>{@code deltasql://postgres/<db>[?…]}: schema {@code public}, table name from the caller</li>
 *   <li>{@code jdbc:postgresql://host:port/db[?user=&password=&sslmode=]} plus a table name
 *       {@code schema.name} or {@code name} (schema {@code public})</li>
 * </ul>
 * Parts the URI leaves out come from {@code PGHOST}, {@code PGPORT}, {@code PGUSER},
 * {@code PGPASSWORD}, {@code PGSSLMODE} like libpq, then from defaults: localhost, 5432, user
 * {@code postgres} (not the OS user as libpq would: the usual server and container setups have a
 * {@code postgres} role, rarely one named after the shell user), sslmode {@code prefer}.
 *
 * <p>{@link #toString()} and {@link #describe()} never show the password.
 */
public final class PgTarget implements StoreTarget {
    private static final String DELTASQL_PREFIX = "deltasql://postgres/";
    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final String EXPECTED = "expected deltasql://postgres/<db>[/<schema>/<table>][?host=&port=&user=&password=&sslmode=]"
            + " or jdbc:postgresql://host[:port]/<db>[?…] with a table name";

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final String sslmode;
    private final String schema;
    private final String table;
    /** What pg_stat_activity shows for this target's connections (tells the CLI from a Connect sink). */
    private final String applicationName;

    public PgTarget(String host, int port, String database, String user, String password, String sslmode,
                    String schema, String table) {
        this(host, port, database, user, password, sslmode, schema, table, "deltasql");
    }

    private PgTarget(String host, int port, String database, String user, String password, String sslmode,
                     String schema, String table, String applicationName) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.database = Objects.requireNonNull(database, "database");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password;
        this.sslmode = sslmode;
        this.schema = Objects.requireNonNull(schema, "schema");
        this.table = table;
        this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
    }

    /** Parses a target URI; the table name may be absent (see {@link #withDefaultTable}). */
    public static PgTarget parse(String uri, Map<String, String> env) {
        return parse(uri, env, null);
    }

    /**
     * Parses a target URI. {@code tableName} is used when the URI names no table: the CLI passes the
     * source's last path segment for {@code deltasql://postgres/<db>}, and the table ({@code schema.name}
     * or {@code name}) for a {@code jdbc:postgresql://} URL.
     */
    public static PgTarget parse(String uri, Map<String, String> env, String tableName) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("no PostgreSQL target given: " + EXPECTED);
        }
        if (uri.startsWith(DELTASQL_PREFIX)) {
            return parseDeltasql(uri, env, tableName);
        }
        if (uri.startsWith(JDBC_PREFIX)) {
            return parseJdbc(uri, env, tableName);
        }
        throw new IllegalArgumentException("unsupported PostgreSQL target '" + redact(uri) + "': " + EXPECTED);
    }

    private static PgTarget parseDeltasql(String uri, Map<String, String> env, String tableName) {
        URI u = toUri(uri);
        String rawPath = u.getRawPath() == null ? "" : u.getRawPath();
        String[] segments = rawPath.replaceFirst("^/", "").split("/", -1);
        if (rawPath.endsWith("/")) {
            throw new IllegalArgumentException("PostgreSQL target '" + redact(uri) + "' ends with '/': " + EXPECTED);
        }
        Map<String, String> q = query(u, uri);
        String db = decode(segments[0]);
        if (db.isEmpty()) {
            throw new IllegalArgumentException("PostgreSQL target '" + redact(uri) + "' names no database: " + EXPECTED);
        }
        String schema;
        String table;
        if (segments.length == 1) {
            schema = "public";
            table = tableName;
        } else if (segments.length == 3) {
            schema = decode(segments[1]);
            table = decode(segments[2]);
            if (schema.isEmpty() || table.isEmpty()) {
                throw new IllegalArgumentException("PostgreSQL target '" + redact(uri) + "' has an empty schema or table: " + EXPECTED);
            }
        } else {
            throw new IllegalArgumentException("PostgreSQL target '" + redact(uri) + "' has " + segments.length
                    + " path parts (give the database, or database/schema/table): " + EXPECTED);
        }
        return fromParts(q.get("host"), q.get("port"), db, q.get("user"), q.get("password"), q.get("sslmode"),
                schema, table, env, uri);
    }

    private static PgTarget parseJdbc(String uri, Map<String, String> env, String tableName) {
        URI u = toUri(uri.substring("jdbc:".length()));
        String db = u.getRawPath() == null ? "" : decode(u.getRawPath().replaceFirst("^/", ""));
        if (db.isEmpty() || db.contains("/")) {
            throw new IllegalArgumentException("PostgreSQL target '" + redact(uri) + "' names no single database: " + EXPECTED);
        }
        Map<String, String> q = query(u, uri);
        String schema = "public";
        String table = tableName;
        if (tableName != null) {
            int dot = tableName.indexOf('.');
            if (dot >= 0) {
                schema = tableName.substring(0, dot);
                table = tableName.substring(dot + 1);
                if (schema.isEmpty() || table.isEmpty()) {
                    throw new IllegalArgumentException("table name '" + tableName + "': expected <schema>.<name> or <name>");
                }
            }
        }
        String host = u.getHost();
        String port = u.getPort() < 0 ? null : String.valueOf(u.getPort());
        return fromParts(host, port, db, q.get("user"), q.get("password"), q.get("sslmode"), schema, table, env, uri);
    }

    /**
     * An IPv6 address as a bare host: URIs write it in brackets ({@code [::1]}, and {@link URI#getHost}
     * keeps them), libpq's PGHOST and {@code ?host=} may or may not; {@link #jdbcUrl} adds them back.
     */
    private static String unbracketed(String host) {
        return host.length() > 2 && host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static PgTarget fromParts(String host, String port, String db, String user, String password, String sslmode,
                                      String schema, String table, Map<String, String> env, String uri) {
        String h = unbracketed(firstNonEmpty(host, env.get("PGHOST"), "localhost"));
        String p = firstNonEmpty(port, env.get("PGPORT"), "5432");
        int portNumber;
        try {
            portNumber = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            portNumber = -1;
        }
        if (portNumber < 1 || portNumber > 65535) {
            throw new IllegalArgumentException("PostgreSQL target '" + redact(uri) + "': port '" + p
                    + "' is not a number from 1 to 65535 (from the URI or PGPORT)");
        }
        String mode = firstNonEmpty(sslmode, env.get("PGSSLMODE"), null);
        if (mode != null && !StoreErrors.SSL_MODES.contains(mode)) {
            // pgjdbc would only say so once connecting, as a connection failure (SQLState 08001).
            throw new IllegalArgumentException(StoreErrors.invalidSslMode(mode) + (sslmode == null ? " in PGSSLMODE" : ""));
        }
        return new PgTarget(h, portNumber, db, firstNonEmpty(user, env.get("PGUSER"), "postgres"),
                firstNonEmpty(password, env.get("PGPASSWORD"), null), mode, schema, table);
    }

    /** This target with {@code name} as table when none was given. */
    public PgTarget withDefaultTable(String name) {
        return table != null ? this : withTable(name);
    }

    @Override
    public PgTarget withTable(String name) {
        return new PgTarget(host, port, database, user, password, sslmode, schema, name, applicationName);
    }

    /** The same server, user and password in another database (the maintenance database, say). */
    public PgTarget withDatabase(String name) {
        return new PgTarget(host, port, name, user, password, sslmode, schema, table, applicationName);
    }

    /** This target with connections named {@code name} in pg_stat_activity (default {@code deltasql}). */
    public PgTarget withApplicationName(String name) {
        return new PgTarget(host, port, database, user, password, sslmode, schema, table, name);
    }

    public String applicationName() {
        return applicationName;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public String schema() {
        return schema;
    }

    /** The Delta table's name in dl_tables; null when neither the URI nor the caller gave one. */
    @Override
    public String table() {
        return table;
    }

    public String sslmode() {
        return sslmode;
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** {@code host:port}, an IPv6 address in brackets. */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The JDBC URL without any credentials (they go in {@link #connectionProperties()}). */
    public String jdbcUrl() {
        return JDBC_PREFIX + hostAndPort() + "/" + URLEncodedPath.encode(database);
    }

    /** user, password, sslmode and the application name, for {@code DriverManager.getConnection}. */
    public Properties connectionProperties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        if (sslmode != null) {
            props.setProperty("sslmode", sslmode);
        }
        props.setProperty("ApplicationName", applicationName);
        return props;
    }

    /** {@code host:port/db}, as error messages name the server. */
    public String server() {
        return hostAndPort() + "/" + database;
    }

    @Override
    public String tableLabel() {
        return schema + "." + table;
    }

    /** {@code deltasql://postgres/<db>/<schema>/<table>}: server and user come from the PG* variables as before. */
    @Override
    public String uri() {
        return DELTASQL_PREFIX + URLEncodedPath.encode(database) + "/" + URLEncodedPath.encode(schema) + "/"
                + URLEncodedPath.encode(table == null ? "" : table);
    }

    /** A one-line description for logs and output: no password, ever. */
    @Override
    public String describe() {
        return "postgres " + user + "@" + server() + " schema " + schema + (table == null ? "" : " table " + table)
                + (password == null ? "" : " (password ****)");
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgTarget t && t.host.equals(host) && t.port == port && t.database.equals(database)
                && t.user.equals(user) && Objects.equals(t.password, password) && Objects.equals(t.sslmode, sslmode)
                && t.schema.equals(schema) && Objects.equals(t.table, table);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, database, user, schema, table);
    }

    private static URI toUri(String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("PostgreSQL target '" + redact(uri) + "' is not a valid URI ("
                    + e.getReason() + "): " + EXPECTED);
        }
    }

    private static Map<String, String> query(URI u, String uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = u.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "host", "port", "user", "password", "sslmode" -> out.put(key, value);
                default -> throw new IllegalArgumentException("PostgreSQL target '" + redact(uri)
                        + "': unknown parameter '" + key + "' (known: host, port, user, password, sslmode)");
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String firstNonEmpty(String a, String b, String fallback) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        if (b != null && !b.isEmpty()) {
            return b;
        }
        return fallback;
    }

    /** The URI with any password value replaced, for error messages. */
    public static String redact(String uri) {
        return uri.replaceAll("(?i)(password=)[^&]*", "$1****").replaceAll("//([^/@:]*):[^/@]*@", "//$1:****@");
    }

    /** Percent-encodes a database name for the path of a JDBC URL. */
    private static final class URLEncodedPath {
        static String encode(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
