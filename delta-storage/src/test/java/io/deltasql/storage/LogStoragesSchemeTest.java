package io.deltasql.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.storage.LogStorage;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

/** Each scheme resolves to the right Hadoop FileSystem with the translated settings; no network. */
class LogStoragesSchemeTest {

    @Test
    void schemesResolveToTheirConnectors() throws Exception {
        Map<String, String> expected = Map.of(
                "s3", "org.apache.hadoop.fs.s3a.S3AFileSystem",
                "s3a", "org.apache.hadoop.fs.s3a.S3AFileSystem",
                "gs", "com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem",
                "abfs", "org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem",
                "abfss", "org.apache.hadoop.fs.azurebfs.SecureAzureBlobFileSystem",
                "file", "org.apache.hadoop.fs.LocalFileSystem");
        for (var e : expected.entrySet()) {
            Configuration conf = HadoopStores.configuration(URI.create(e.getKey() + "://b/t"), StorageSettings.empty(), StorageRetry.of(StorageSettings.empty()));
            assertThat(FileSystem.getFileSystemClass(e.getKey(), conf).getName()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void gcsUsesApplicationDefaultCredentialsUnlessAKeyfileIsGiven() {
        Configuration adc = HadoopStores.configuration(URI.create("gs://b/t"), StorageSettings.empty(), StorageRetry.of(StorageSettings.empty()));
        assertThat(adc.get("fs.gs.auth.type")).isEqualTo("APPLICATION_DEFAULT");
        StorageSettings withKey = StorageSettings.of(Map.of("gcs.keyfile", "/sa.json"));
        Configuration keyfile = HadoopStores.configuration(URI.create("gs://b/t"), withKey, StorageRetry.of(withKey));
        assertThat(keyfile.get("fs.gs.auth.type")).isEqualTo("SERVICE_ACCOUNT_JSON_KEYFILE");
        assertThat(keyfile.get("fs.gs.auth.service.account.json.keyfile")).isEqualTo("/sa.json");
    }

    @Test
    void azureShortFormMapsToAbfssOnTheConfiguredAccount() {
        StorageSettings settings = StorageSettings.of(Map.of("azure.account", "myacct", "azure.account-key", "k3y=="));
        assertThat(AzureLocations.toAbfss("az://lake/sales/orders", settings))
                .isEqualTo("abfss://lake@myacct.dfs.core.windows.net/sales/orders");
        Configuration conf = HadoopStores.configuration(
                URI.create("abfss://lake@myacct.dfs.core.windows.net"), settings, StorageRetry.of(settings));
        assertThat(conf.get("fs.azure.account.key.myacct.dfs.core.windows.net")).isEqualTo("k3y==");

        PrefixMappedLogStorage mapped = new PrefixMappedLogStorage(null, "az://lake",
                "abfss://lake@myacct.dfs.core.windows.net");
        assertThat(mapped.in("az://lake/sales/orders/_delta_log"))
                .isEqualTo("abfss://lake@myacct.dfs.core.windows.net/sales/orders/_delta_log");
    }

    @Test
    void azureShortFormWithoutAccountSaysWhatToSet() {
        DeltaLogException e = catchThrowableOfType(DeltaLogException.class,
                () -> LogStorages.forLocation("az://lake/t", StorageSettings.empty()));
        assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.IO);
        assertThat(e.getMessage()).contains("az://lake/t", "AZURE_STORAGE_ACCOUNT", "abfss://lake@<account>");
    }

    @Test
    void plainPathsAndFileUrisAreLocal() throws Exception {
        String table = SharedTables.table("simple-table").toString();
        for (String location : List.of(table, "file://" + table)) {
            try (LogStorage storage = LogStorages.forLocation(location, StorageSettings.empty())) {
                assertThat(storage).isInstanceOf(io.deltasql.log.storage.LocalLogStorage.class);
                assertThat(storage.list(table + "/_delta_log", null)).isNotEmpty();
            }
        }
    }

    @Test
    void s3LocationsGetTheS3StorageWithoutTouchingTheNetwork() throws Exception {
        String secret = "not-shown-anywhere-42";
        try (LogStorage storage = LogStorages.forLocation("s3://bucket/t", StorageSettings.of(Map.of(
                "s3.endpoint", "http://127.0.0.1:1", "s3.access-key", "AKIAEXAMPLE", "s3.secret-key", secret)))) {
            assertThat(LogStorages.unwrap(storage, S3LogStorage.class)).isNotNull();
            assertThat(storage.toString()).doesNotContain(secret)
                    .contains("s3://bucket", "endpoint http://127.0.0.1:1", "access key AKIA****");
            assertThat(LogStorages.unwrap(storage, S3LogStorage.class).requestCount()).isZero();
        }
    }
}
