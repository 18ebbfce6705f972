package io.deltasql.storage;

import java.util.function.Supplier;

/**
 * What an error message says about a store: its name, bucket, endpoint and credential source (never a
 * secret), and what to check. One per cloud.
 */
record StoreInfo(String name, String bucket, String endpoint, Supplier<String> credentialSource,
        StorageSettings settings) {

    static StoreInfo s3(String bucket, String endpoint, Supplier<String> credentials, StorageSettings settings) {
        return new StoreInfo("S3", bucket, endpoint, credentials, settings);
    }

    static StoreInfo gcs(String bucket, String endpoint, Supplier<String> credentials, StorageSettings settings) {
        return new StoreInfo("GCS", bucket, endpoint, credentials, settings);
    }

    static StoreInfo azure(String container, String endpoint, Supplier<String> credentials, StorageSettings settings) {
        return new StoreInfo("Azure", container, endpoint, credentials, settings);
    }

    String credentials() {
        return credentialSource.get();
    }

    String bucketWord() {
        return name.equals("Azure") ? "container" : "bucket";
    }

    String hostWord() {
        return name.equals("Azure") ? "storage account" : "host name";
    }

    String checkCredentials() {
        return switch (name) {
            case "S3" -> "check the access key, the secret and the bucket policy";
            case "GCS" -> "check the service-account key and its roles on the bucket";
            default -> "check the account key, SAS token or service principal";
        };
    }

    String howToAuthenticate() {
        return switch (name) {
            case "S3" -> "set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile or an instance role";
            case "GCS" -> "set GOOGLE_APPLICATION_CREDENTIALS or gcs.keyfile, or run on GCP";
            default -> "set AZURE_STORAGE_KEY, AZURE_STORAGE_SAS_TOKEN or a service principal";
        };
    }
}
