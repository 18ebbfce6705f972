package io.deltasql.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageSettingsTest {
    private static final String SECRET = "TopSecret-0123456789";

    @Test
    void shortS3NamesBecomeS3AKeys() {
        StorageSettings s = StorageSettings.of(Map.of("s3.endpoint", "http://minio:9000", "s3.path-style", "true",
                "s3.region", "eu-west-1", "s3.access-key", "AKIAEXAMPLE", "s3.secret-key", SECRET));
        assertThat(s.hadoopKeys("bucket")).contains(
                entry("fs.s3a.endpoint", "http://minio:9000"),
                entry("fs.s3a.connection.ssl.enabled", "false"),
                entry("fs.s3a.path.style.access", "true"),
                entry("fs.s3a.endpoint.region", "eu-west-1"),
                entry("fs.s3a.access.key", "AKIAEXAMPLE"),
                entry("fs.s3a.secret.key", SECRET));
    }

    @Test
    void connectorPrefixPassesHadoopKeysThroughAndRawKeysWin() {
        Map<String, Object> connectorConfig = Map.of(
                "storage.fs.s3a.endpoint", "https://s3.private:443",
                "storage.s3.endpoint", "http://ignored",
                "storage.fs.s3a.connection.maximum", 64,
                "storage.s3.secret-key", SECRET,
                "topic", "not-a-storage-key");
        StorageSettings s = StorageSettings.fromPrefixed(connectorConfig, "storage.");
        assertThat(s.asMap()).doesNotContainKey("topic").containsEntry("fs.s3a.connection.maximum", "64");
        assertThat(s.hadoopKeys("b")).containsEntry("fs.s3a.endpoint", "https://s3.private:443")
                .containsEntry("fs.s3a.secret.key", SECRET);
    }

    @Test
    void environmentMapsEndpointRegionAndAzureButLeavesAwsKeysToTheDefaultChain() {
        StorageSettings s = StorageSettings.fromEnvironment(Map.of(
                "AWS_ENDPOINT_URL", "http://generic", "AWS_ENDPOINT_URL_S3", "http://s3-specific",
                "AWS_REGION", "us-west-2", "DELTASQL_S3_PATH_STYLE", "true",
                "AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", SECRET,
                "AZURE_STORAGE_ACCOUNT", "acct", "AZURE_STORAGE_KEY", SECRET, "PATH", "/usr/bin"));
        assertThat(s.asMap()).containsOnly(entry("s3.endpoint", "http://s3-specific"), entry("s3.region", "us-west-2"),
                entry("s3.path-style", "true"), entry("azure.account", "acct"), entry("azure.account-key", SECRET));
        StorageSettings cli = s.with("s3.endpoint", "http://from-option").with("s3.region", null);
        assertThat(cli.get("s3.endpoint")).isEqualTo("http://from-option");
        assertThat(cli.get("s3.region")).isEqualTo("us-west-2");
    }

    @Test
    void azureCredentialsAreTranslatedForTheAccountHost() {
        String host = "acct.dfs.core.windows.net";
        assertThat(StorageSettings.of(Map.of("azure.account-key", SECRET)).hadoopKeys("c@" + host))
                .containsEntry("fs.azure.account.key." + host, SECRET);
        assertThat(StorageSettings.of(Map.of("azure.sas-token", SECRET)).hadoopKeys("c@" + host))
                .containsEntry("fs.azure.account.auth.type." + host, "SAS")
                .containsEntry("fs.azure.sas.fixed.token." + host, SECRET);
        assertThat(StorageSettings.of(Map.of("azure.client-id", "app", "azure.client-secret", SECRET,
                "azure.tenant-id", "tenant")).hadoopKeys("c@" + host))
                .containsEntry("fs.azure.account.auth.type." + host, "OAuth")
                .containsEntry("fs.azure.account.oauth.provider.type." + host,
                        "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider")
                .containsEntry("fs.azure.account.oauth2.client.id." + host, "app")
                .containsEntry("fs.azure.account.oauth2.client.secret." + host, SECRET)
                .containsEntry("fs.azure.account.oauth2.client.endpoint." + host,
                        "https://login.microsoftonline.com/tenant/oauth2/token");
        // not an Azure location: no Azure keys at all
        assertThat(StorageSettings.of(Map.of("azure.account-key", SECRET)).hadoopKeys("bucket")).isEmpty();
    }

    @Test
    void gcsKeyfileAndProject() {
        assertThat(StorageSettings.of(Map.of("gcs.keyfile", "/etc/sa.json", "gcs.project", "p")).hadoopKeys("b"))
                .containsEntry("fs.gs.auth.type", "SERVICE_ACCOUNT_JSON_KEYFILE")
                .containsEntry("fs.gs.auth.service.account.json.keyfile", "/etc/sa.json")
                .containsEntry("fs.gs.project.id", "p");
    }

    @Test
    void secretsAreMaskedInToStringAndEcho() {
        StorageSettings s = StorageSettings.of(Map.of("s3.access-key", "AKIAEXAMPLE", "s3.secret-key", SECRET,
                "s3.session-token", SECRET + "tok", "azure.account-key", SECRET, "azure.sas-token", SECRET,
                "azure.client-secret", SECRET, "fs.azure.account.key.a.dfs.core.windows.net", SECRET,
                "fs.s3a.secret.key", SECRET, "s3.endpoint", "http://minio:9000",
                "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"));
        assertThat(s.toString()).doesNotContain(SECRET).contains("s3.access-key=AKIA****", "s3.secret-key=****",
                "s3.endpoint=http://minio:9000", "SimpleAWSCredentialsProvider");
        assertThat(s.masked().values()).noneMatch(v -> v.contains(SECRET));
        assertThat(Secrets.scrub("failed with " + SECRET + " inside", s)).isEqualTo("failed with **** inside");
    }
}
