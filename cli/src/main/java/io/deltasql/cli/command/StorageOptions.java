package io.deltasql.cli.command;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import io.deltasql.storage.StorageRetry;
import io.deltasql.storage.StorageSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The object-storage options of every command that reads a SOURCE (import, validate, compare),
 * mixed in with {@code @Mixin}. They override the environment ({@link StorageSettings#fromEnvironment});
 * with none given, each cloud's default credential chain applies. Keys on the command line show up
 * in the shell history and {@code ps}: the environment or the default AWS chain is preferred.
 */
public final class StorageOptions {

    @Option(names = "--s3-endpoint", paramLabel = "URL", order = 100,
            description = "S3-compatible endpoint, e.g. http://127.0.0.1:9000 for MinIO (env AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL).")
    String s3Endpoint;

    @Option(names = "--s3-path-style", order = 101,
            description = "Path-style S3 requests (http://host/bucket/key), as MinIO and most private stores need (env DELTASQL_S3_PATH_STYLE).")
    boolean s3PathStyle;

    @Option(names = "--s3-region", paramLabel = "REGION", order = 102,
            description = "S3 region (env AWS_REGION, AWS_DEFAULT_REGION).")
    String s3Region;

    @Option(names = "--s3-access-key", paramLabel = "KEY", order = 103,
            description = "S3 access key id. Prefer AWS_ACCESS_KEY_ID or the default AWS chain (profile, instance role).")
    String s3AccessKey;

    @Option(names = "--s3-secret-key", paramLabel = "SECRET", order = 104,
            description = "S3 secret key: visible in the shell history and ps. Prefer AWS_SECRET_ACCESS_KEY or the default AWS chain.")
    String s3SecretKey;

    @Option(names = "--azure-account", paramLabel = "ACCOUNT", order = 105,
            description = "Azure storage account that az://container/path means (env AZURE_STORAGE_ACCOUNT).")
    String azureAccount;

    @Option(names = "--azure-endpoint", paramLabel = "URL", order = 106,
            description = "Azure storage endpoint for an emulator or private endpoint, e.g. http://127.0.0.1:10000 for Azurite"
                    + " (the account key from AZURE_STORAGE_KEY or --storage azure.account-key=…).")
    String azureEndpoint;

    @Option(names = "--gcs-project", paramLabel = "PROJECT", order = 107,
            description = "Google Cloud project (env GOOGLE_CLOUD_PROJECT).")
    String gcsProject;

    @Option(names = "--gcs-endpoint", paramLabel = "URL", order = 108,
            description = "GCS JSON API root URL for a private or test endpoint (default https://storage.googleapis.com/).")
    String gcsEndpoint;

    @Option(names = "--storage-retry-timeout", paramLabel = "DURATION", order = 109,
            description = "How long a failing storage request is retried before the command gives up, e.g. 30s, 2m"
                    + " (default " + StorageRetry.DEFAULT_SECONDS + "s).")
    String retryTimeout;

    @Option(names = "--storage", paramLabel = "KEY=VALUE", order = 110,
            description = "Any storage setting: a short name (s3.session-token, azure.sas-token, gcs.keyfile, …) or a raw"
                    + " Hadoop key (fs.s3a.*, fs.azure.*, fs.gs.*). Repeatable; wins over the options above.")
    Map<String, String> storage = new LinkedHashMap<>();

    /** The environment's settings, then these options over them, then the {@code --storage} entries. */
    public StorageSettings settings(Map<String, String> env) {
        StorageSettings settings = StorageSettings.fromEnvironment(env)
                .with(StorageSettings.S3_ENDPOINT, s3Endpoint)
                .with(StorageSettings.S3_PATH_STYLE, s3PathStyle ? "true" : null)
                .with(StorageSettings.S3_REGION, s3Region)
                .with(StorageSettings.S3_ACCESS_KEY, s3AccessKey)
                .with(StorageSettings.S3_SECRET_KEY, s3SecretKey)
                .with(StorageSettings.AZURE_ACCOUNT, azureAccount)
                .with(StorageSettings.AZURE_ENDPOINT, azureEndpoint)
                .with(StorageSettings.GCS_PROJECT, gcsProject)
                .with(StorageSettings.GCS_ENDPOINT, gcsEndpoint)
                .with(StorageSettings.RETRY_TIMEOUT, retryTimeout);
        for (Map.Entry<String, String> e : storage.entrySet()) {
            if (e.getKey().isBlank() || e.getValue() == null || e.getValue().isBlank()) {
                // The key alone is safe to show; the value may be a secret.
                throw new CliException(ExitCodes.USAGE, "--storage " + e.getKey().trim() + "=…: give a key and a value, e.g. --storage fs.s3a.connection.maximum=50");
            }
            settings = settings.with(e.getKey().trim(), e.getValue());
        }
        String timeout = settings.get(StorageSettings.RETRY_TIMEOUT);
        if (timeout != null) {
            try {
                StorageRetry.parse(timeout);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--storage-retry-timeout " + timeout + ": write a duration, e.g. 30s, 2m or 500ms");
            }
        }
        return settings;
    }
}
