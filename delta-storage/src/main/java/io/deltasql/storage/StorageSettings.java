package io.deltasql.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Explicit storage settings (endpoint, path-style, region, keys) for one table location, as the
 * drivers collect them: the CLI from options and environment variables, the Kafka connector from its
 * {@code storage.}-prefixed config. Nothing here is needed for the clouds' default credential chains.
 *
 * <p>Keys are either the short portable names below or raw Hadoop keys ({@code fs.*}, passed
 * through unchanged, e.g. {@code fs.s3a.connection.maximum}). {@link #hadoopKeys(String)} translates
 * the short names for the account/bucket at hand. {@link #toString()} and {@link #masked()} never
 * show a secret; see {@link Secrets}.
 *
 * <table>
 *   <caption>Short names</caption>
 *   <tr><td>{@code s3.endpoint}</td><td>{@code fs.s3a.endpoint} (an {@code http://} URL also turns TLS off)</td></tr>
 *   <tr><td>{@code s3.path-style}</td><td>{@code fs.s3a.path.style.access}</td></tr>
 *   <tr><td>{@code s3.region}</td><td>{@code fs.s3a.endpoint.region}</td></tr>
 *   <tr><td>{@code s3.access-key}, {@code s3.secret-key}, {@code s3.session-token}</td><td>{@code fs.s3a.access.key}, {@code .secret.key}, {@code .session.token}</td></tr>
 *   <tr><td>{@code azure.account}</td><td>the storage account {@code az://container/path} maps to</td></tr>
 *   <tr><td>{@code azure.account-key}</td><td>shared key: {@code fs.azure.account.key.<host>}</td></tr>
 *   <tr><td>{@code azure.sas-token}</td><td>fixed SAS: {@code fs.azure.account.auth.type.<host>=SAS}, {@code fs.azure.sas.fixed.token.<host>}</td></tr>
 *   <tr><td>{@code azure.client-id}, {@code azure.client-secret}, {@code azure.tenant-id}</td><td>service principal (OAuth client credentials)</td></tr>
 *   <tr><td>{@code gcs.project}</td><td>{@code fs.gs.project.id}</td></tr>
 *   <tr><td>{@code gcs.keyfile}</td><td>service-account JSON key file (otherwise Application Default Credentials)</td></tr>
 *   <tr><td>{@code gcs.endpoint}</td><td>{@code fs.gs.storage.root.url} (a private or test endpoint)</td></tr>
 *   <tr><td>{@code azure.endpoint}</td><td>an emulator or private endpoint, e.g. {@code http://127.0.0.1:10000} (Azurite):
 *       {@code fs.azure.abfs.endpoint}, plain HTTP when the URL says so</td></tr>
 *   <tr><td>{@code retry.timeout}</td><td>how long a failing storage operation is retried ({@link StorageRetry})</td></tr>
 * </table>
 */
public final class StorageSettings {
    public static final String S3_ENDPOINT = "s3.endpoint";
    public static final String S3_PATH_STYLE = "s3.path-style";
    public static final String S3_REGION = "s3.region";
    public static final String S3_ACCESS_KEY = "s3.access-key";
    public static final String S3_SECRET_KEY = "s3.secret-key";
    public static final String S3_SESSION_TOKEN = "s3.session-token";
    public static final String AZURE_ACCOUNT = "azure.account";
    public static final String AZURE_ACCOUNT_KEY = "azure.account-key";
    public static final String AZURE_SAS_TOKEN = "azure.sas-token";
    public static final String AZURE_CLIENT_ID = "azure.client-id";
    public static final String AZURE_CLIENT_SECRET = "azure.client-secret";
    public static final String AZURE_TENANT_ID = "azure.tenant-id";
    public static final String GCS_PROJECT = "gcs.project";
    public static final String GCS_KEYFILE = "gcs.keyfile";
    public static final String GCS_ENDPOINT = "gcs.endpoint";
    public static final String AZURE_ENDPOINT = "azure.endpoint";
    /** How long a failing storage operation is retried, e.g. {@code 30s} ({@link StorageRetry}). */
    public static final String RETRY_TIMEOUT = "retry.timeout";

    /**
     * Environment variable → short name. The AWS key variables are NOT mapped: S3A's default chain
     * reads them itself, so the error messages can truthfully say "from the environment".
     */
    static final Map<String, String> ENVIRONMENT = orderedMap(
            "AWS_ENDPOINT_URL_S3", S3_ENDPOINT,
            "AWS_ENDPOINT_URL", S3_ENDPOINT,
            "DELTASQL_S3_PATH_STYLE", S3_PATH_STYLE,
            "AWS_REGION", S3_REGION,
            "AWS_DEFAULT_REGION", S3_REGION,
            "AZURE_STORAGE_ACCOUNT", AZURE_ACCOUNT,
            "AZURE_STORAGE_KEY", AZURE_ACCOUNT_KEY,
            "AZURE_STORAGE_SAS_TOKEN", AZURE_SAS_TOKEN,
            "AZURE_CLIENT_ID", AZURE_CLIENT_ID,
            "AZURE_CLIENT_SECRET", AZURE_CLIENT_SECRET,
            "AZURE_TENANT_ID", AZURE_TENANT_ID,
            "GOOGLE_CLOUD_PROJECT", GCS_PROJECT);

    private static final StorageSettings EMPTY = new StorageSettings(Map.of());

    private final Map<String, String> values;

    private StorageSettings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static StorageSettings empty() {
        return EMPTY;
    }

    /** Short names and/or raw Hadoop keys; null or blank values are dropped. */
    public static StorageSettings of(Map<String, String> settings) {
        Map<String, String> kept = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (k != null && v != null && !v.isBlank()) {
                kept.put(k.trim(), v.trim());
            }
        });
        return new StorageSettings(kept);
    }

    /**
     * The entries of {@code config} whose key starts with {@code prefix}, prefix removed — the
     * connector's pass-through: {@code storage.fs.s3a.endpoint} becomes the Hadoop key
     * {@code fs.s3a.endpoint}, {@code storage.s3.path-style} the short name {@code s3.path-style}.
     * Values are taken with {@code String.valueOf} (Kafka's {@code Password} type prints
     * {@code [hidden]}, so pass the raw strings, e.g. {@code config.originalsStrings()}).
     */
    public static StorageSettings fromPrefixed(Map<String, ?> config, String prefix) {
        Map<String, String> kept = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k != null && k.startsWith(prefix) && k.length() > prefix.length() && v != null) {
                kept.put(k.substring(prefix.length()), String.valueOf(v));
            }
        });
        return of(kept);
    }

    /**
     * Settings from environment variables ({@code System.getenv()} in production): AWS_ENDPOINT_URL_S3 /
     * AWS_ENDPOINT_URL, DELTASQL_S3_PATH_STYLE, AWS_REGION / AWS_DEFAULT_REGION, AZURE_STORAGE_ACCOUNT,
     * AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN, AZURE_CLIENT_ID / AZURE_CLIENT_SECRET / AZURE_TENANT_ID,
     * GOOGLE_CLOUD_PROJECT. The first variable listed for a setting wins.
     */
    public static StorageSettings fromEnvironment(Map<String, String> env) {
        Map<String, String> kept = new LinkedHashMap<>();
        ENVIRONMENT.forEach((variable, name) -> {
            String v = env.get(variable);
            if (v != null && !v.isBlank()) {
                kept.putIfAbsent(name, v);
            }
        });
        return of(kept);
    }

    /** A copy with {@code key} set; a null or blank value leaves the settings unchanged (unset CLI option). */
    public StorageSettings with(String key, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        Map<String, String> next = new LinkedHashMap<>(values);
        next.put(key, value.trim());
        return new StorageSettings(next);
    }

    /** A copy where every setting of {@code overrides} replaces this one's (e.g. options over environment). */
    public StorageSettings overriddenBy(StorageSettings overrides) {
        Map<String, String> next = new LinkedHashMap<>(values);
        next.putAll(overrides.values);
        return new StorageSettings(next);
    }

    public String get(String key) {
        return values.get(key);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The settings as given (secrets included): for building configurations, never for printing. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The settings with every secret replaced by a mask: safe to log or echo. */
    public Map<String, String> masked() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, Secrets.maskValue(k, v)));
        return out;
    }

    /**
     * The Hadoop configuration keys for a location on {@code host} (the URI authority: the bucket
     * for s3/gs, {@code container@account.dfs.core.windows.net} for abfs): raw {@code fs.*} keys as
     * given, short names translated. Raw keys win over translated ones.
     */
    public Map<String, String> hadoopKeys(String host) {
        Map<String, String> out = new LinkedHashMap<>();
        translateS3(out);
        translateAzure(out, azureHost(host));
        translateGcs(out);
        values.forEach((k, v) -> {
            if (k.startsWith("fs.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "StorageSettings" + masked();
    }

    private void translateS3(Map<String, String> out) {
        String endpoint = values.get(S3_ENDPOINT);
        if (endpoint != null) {
            out.put("fs.s3a.endpoint", endpoint);
            if (endpoint.startsWith("http://")) {
                out.put("fs.s3a.connection.ssl.enabled", "false");
            }
        }
        copy(out, S3_PATH_STYLE, "fs.s3a.path.style.access");
        copy(out, S3_REGION, "fs.s3a.endpoint.region");
        copy(out, S3_ACCESS_KEY, "fs.s3a.access.key");
        copy(out, S3_SECRET_KEY, "fs.s3a.secret.key");
        copy(out, S3_SESSION_TOKEN, "fs.s3a.session.token");
    }

    private void translateAzure(Map<String, String> out, String host) {
        String endpoint = values.get(AZURE_ENDPOINT);
        if (endpoint != null) {
            // ABFS takes host:port; with an IP address it also puts the account into the path
            // (http://127.0.0.1:10000/<account>/<container>/…), as Azurite expects.
            java.net.URI u = java.net.URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint);
            out.put("fs.azure.abfs.endpoint", u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""));
            if ("http".equalsIgnoreCase(u.getScheme())) {
                out.put("fs.azure.always.use.https", "false");
            }
            // The JDK client is the one tested against Azurite (AzureLogStorageIT).
            out.put("fs.azure.networking.library", "JDK_HTTP_URL_CONNECTION");
        }
        if (host == null) {
            return;
        }
        copy(out, AZURE_ACCOUNT_KEY, "fs.azure.account.key." + host);
        if (values.containsKey(AZURE_SAS_TOKEN)) {
            out.put("fs.azure.account.auth.type." + host, "SAS");
            copy(out, AZURE_SAS_TOKEN, "fs.azure.sas.fixed.token." + host);
        }
        if (values.containsKey(AZURE_CLIENT_ID) && values.containsKey(AZURE_CLIENT_SECRET)) {
            out.put("fs.azure.account.auth.type." + host, "OAuth");
            out.put("fs.azure.account.oauth.provider.type." + host,
                    "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider");
            copy(out, AZURE_CLIENT_ID, "fs.azure.account.oauth2.client.id." + host);
            copy(out, AZURE_CLIENT_SECRET, "fs.azure.account.oauth2.client.secret." + host);
            String tenant = values.get(AZURE_TENANT_ID);
            if (tenant != null) {
                out.put("fs.azure.account.oauth2.client.endpoint." + host,
                        "https://login.microsoftonline.com/" + tenant + "/oauth2/token");
            }
        }
    }

    private void translateGcs(Map<String, String> out) {
        copy(out, GCS_PROJECT, "fs.gs.project.id");
        String endpoint = values.get(GCS_ENDPOINT);
        if (endpoint != null) {
            out.put("fs.gs.storage.root.url", endpoint.endsWith("/") ? endpoint : endpoint + "/");
        }
        if (values.containsKey(GCS_KEYFILE)) {
            out.put("fs.gs.auth.type", "SERVICE_ACCOUNT_JSON_KEYFILE");
            copy(out, GCS_KEYFILE, "fs.gs.auth.service.account.json.keyfile");
        }
    }

    /** {@code account.dfs.core.windows.net} from an abfs authority ({@code container@account.dfs…}). */
    private static String azureHost(String host) {
        if (host == null) {
            return null;
        }
        int at = host.indexOf('@');
        String h = at >= 0 ? host.substring(at + 1) : host;
        return h.contains(".dfs.") || h.contains(".blob.") ? h : null;
    }

    private void copy(Map<String, String> out, String from, String to) {
        String v = values.get(from);
        if (v != null) {
            out.put(to, v);
        }
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
