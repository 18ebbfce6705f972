package io.deltasql.storage;

import io.deltasql.log.storage.LogStorage;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The object stores, all through Hadoop: S3 (S3A + the SDK for listing), GCS (Google's connector),
 * Azure (ABFS), each behind {@link RetryingLogStorage}. Only {@link LogStorages} calls this, and only
 * for a cloud scheme, so a local table never loads Hadoop.
 */
final class HadoopStores {
    /** A size with a unit suffix as Hadoop's core-default writes them ("64m"); the GCS connector reads plain longs. */
    private static final Pattern SIZE_WITH_UNIT = Pattern.compile("\\d+\\s*[kKmMgGtTpPeE]");

    private HadoopStores() {
    }

    static LogStorage open(URI uri, StorageSettings settings, StorageRetryListener listener) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        StorageRetry retry = StorageRetry.of(settings);
        switch (scheme) {
            case AzureLocations.SCHEME -> {
                String root = AzureLocations.abfssRoot(uri, settings);
                URI rootUri = URI.create(root);
                Configuration conf = configuration(rootUri, settings, retry);
                return new RetryingLogStorage(() -> new PrefixMappedLogStorage(new HadoopLogStorage(URI.create(root + "/"), conf),
                        scheme + "://" + uri.getAuthority(), root), uri.toString(), retry, azure(rootUri, conf, settings), listener);
            }
            case "s3", "s3a" -> {
                Configuration conf = configuration(uri, settings, retry);
                S3LogStorage[] opened = new S3LogStorage[1];
                StoreInfo info = StoreInfo.s3(uri.getAuthority(), S3Endpoint.describeEndpoint(conf, uri.getAuthority()),
                        () -> opened[0] == null ? "?" : opened[0].credentialSource(), settings);
                return new RetryingLogStorage(() -> opened[0] = new S3LogStorage(uri, conf), uri.toString(), retry,
                        info, listener);
            }
            case "gs" -> {
                Configuration conf = configuration(uri, settings, retry);
                return new RetryingLogStorage(() -> new HadoopLogStorage(uri, conf), uri.toString(), retry, gcs(uri, conf, settings),
                        listener);
            }
            case "abfs", "abfss" -> {
                Configuration conf = configuration(uri, settings, retry);
                return new RetryingLogStorage(() -> new HadoopLogStorage(uri, conf), uri.toString(), retry,
                        azure(uri, conf, settings), listener);
            }
            default -> {
                Configuration conf = configuration(uri, settings, retry);
                return new RetryingLogStorage(() -> new HadoopLogStorage(uri, conf), uri.toString(), retry,
                        new StoreInfo(scheme, uri.getAuthority(), scheme + "://" + uri.getAuthority(), () -> "Hadoop defaults",
                                settings), listener);
            }
        }
    }

    /**
     * The Hadoop configuration for a location: Hadoop's defaults, our defaults for the schemes we
     * support ({@code s3://} is S3A; GCS authenticates with Application Default Credentials; the
     * libraries leave retrying to {@link RetryingLogStorage}), then the settings translated for the
     * location's bucket/account.
     */
    static Configuration configuration(URI location, StorageSettings settings, StorageRetry retry) {
        Configuration conf = new Configuration();
        // Our defaults replace Hadoop's core-default values; the settings (applied last) override them.
        conf.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        conf.set("fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A");
        // Hadoop 3.5's core-default maps gs:// to its own hadoop-gcp module (not on our class path) and
        // authenticates as COMPUTE_ENGINE; we ship Google's connector and want Application Default
        // Credentials (GOOGLE_APPLICATION_CREDENTIALS, gcloud's login, or the metadata server).
        conf.set("fs.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem");
        conf.set("fs.AbstractFileSystem.gs.impl", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFS");
        conf.set("fs.gs.auth.type", "APPLICATION_DEFAULT");
        // Hadoop 3.5's default S3A stream (the analytics accelerator) prefetches for columnar scans and
        // needs an ETag on every HEAD; a log reader reads small files once, and some S3-compatible
        // stores send no ETag. The classic stream is the proven one (STACK-VERIFIED §3).
        conf.set("fs.s3a.input.stream.type", "classic");
        retry.libraryKeys().forEach(conf::set);
        settings.hadoopKeys(location.getAuthority()).forEach(conf::set);
        plainGcsSizes(conf);
        return conf;
    }

    /**
     * Hadoop 3.5's core-default gives {@code fs.gs.block.size=64m}, {@code fs.gs.outputstream.buffer.size=8m}
     * and other sizes with a unit suffix, written for its own hadoop-gcp module; Google's connector reads
     * them with {@code getLong} and fails on "64m" before any request. Every {@code fs.gs.*} size is
     * rewritten in bytes (user settings with a suffix too).
     */
    static void plainGcsSizes(Configuration conf) {
        for (Map.Entry<String, String> e : conf.getPropsWithPrefix("fs.gs.").entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (SIZE_WITH_UNIT.matcher(value).matches()) {
                conf.set("fs.gs." + e.getKey(), Long.toString(conf.getLongBytes("fs.gs." + e.getKey(), 0)));
            }
        }
    }

    private static StoreInfo gcs(URI uri, Configuration conf, StorageSettings settings) {
        String root = conf.getTrimmed("fs.gs.storage.root.url", "https://storage.googleapis.com/");
        return StoreInfo.gcs(uri.getAuthority(), root, () -> gcsCredentials(conf), settings);
    }

    private static String gcsCredentials(Configuration conf) {
        String type = conf.getTrimmed("fs.gs.auth.type", "APPLICATION_DEFAULT");
        return switch (type) {
            case "SERVICE_ACCOUNT_JSON_KEYFILE" -> "key file " + conf.getTrimmed("fs.gs.auth.service.account.json.keyfile", "?");
            case "COMPUTE_ENGINE" -> "metadata server";
            case "UNAUTHENTICATED" -> "none";
            case "APPLICATION_DEFAULT" -> "application default credentials";
            default -> type.toLowerCase(Locale.ROOT);
        };
    }

    private static StoreInfo azure(URI root, Configuration conf, StorageSettings settings) {
        String authority = root.getAuthority() == null ? "" : root.getAuthority();
        int at = authority.indexOf('@');
        String container = at >= 0 ? authority.substring(0, at) : authority;
        String host = at >= 0 ? authority.substring(at + 1) : authority;
        String override = conf.getTrimmed("fs.azure.abfs.endpoint", "");
        boolean tls = root.getScheme().equalsIgnoreCase("abfss") || conf.getBoolean("fs.azure.always.use.https", true);
        String endpoint = override.isEmpty() ? "https://" + host : (tls ? "https://" : "http://") + override;
        return StoreInfo.azure(container, endpoint, () -> azureCredentials(conf, host), settings);
    }

    private static String azureCredentials(Configuration conf, String host) {
        String account = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        String type = conf.getTrimmed("fs.azure.account.auth.type." + host, conf.getTrimmed("fs.azure.account.auth.type", "SharedKey"));
        if (type.equalsIgnoreCase("SAS")) {
            return "SAS token for " + account;
        }
        if (type.equalsIgnoreCase("OAuth")) {
            String id = conf.getTrimmed("fs.azure.account.oauth2.client.id." + host, conf.getTrimmed("fs.azure.account.oauth2.client.id", ""));
            return id.isEmpty() ? "OAuth" : "client " + Secrets.maskValue("client.id", id);
        }
        boolean key = !conf.getTrimmed("fs.azure.account.key." + host, conf.getTrimmed("fs.azure.account.key", "")).isEmpty();
        return key ? "account key of " + account : "no account key for " + account;
    }
}
