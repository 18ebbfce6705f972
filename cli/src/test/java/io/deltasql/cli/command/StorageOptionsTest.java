package io.deltasql.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.cli.CliException;
import io.deltasql.storage.StorageSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** Precedence of the storage options: environment, then the named options, then --storage KEY=VALUE; secrets masked. */
class StorageOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        StorageOptions storage;
    }

    private static StorageOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.storage;
    }

    @Test
    void optionsOverrideTheEnvironmentAndStorageEntriesOverrideOptions() {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", "http://env:9000", "AWS_REGION", "eu-west-1",
                "AZURE_STORAGE_ACCOUNT", "envaccount");
        StorageSettings s = parse("--s3-endpoint", "http://opt:9000", "--s3-path-style", "--s3-access-key", "AKIAEXAMPLE",
                "--s3-secret-key", "top-secret", "--gcs-project", "proj",
                "--storage", "s3.region=us-east-1", "--storage", "fs.s3a.connection.maximum=7",
                "--storage", "azure.sas-token=sv=2024&sig=abc=").settings(env);
        assertThat(s.get(StorageSettings.S3_ENDPOINT)).isEqualTo("http://opt:9000");
        assertThat(s.get(StorageSettings.S3_PATH_STYLE)).isEqualTo("true");
        assertThat(s.get(StorageSettings.S3_REGION)).isEqualTo("us-east-1");
        assertThat(s.get(StorageSettings.AZURE_ACCOUNT)).isEqualTo("envaccount");
        assertThat(s.get(StorageSettings.GCS_PROJECT)).isEqualTo("proj");
        assertThat(s.get("fs.s3a.connection.maximum")).isEqualTo("7");
        assertThat(s.get(StorageSettings.AZURE_SAS_TOKEN)).as("split at the first '=' only").isEqualTo("sv=2024&sig=abc=");
        assertThat(s.hadoopKeys("bucket")).containsEntry("fs.s3a.secret.key", "top-secret")
                .containsEntry("fs.s3a.path.style.access", "true").containsEntry("fs.s3a.connection.ssl.enabled", "false");
        assertThat(s.masked().toString()).doesNotContain("top-secret", "sig=abc").contains("s3.secret-key=****");
    }

    @Test
    void noOptionsMeansTheEnvironmentOnly() {
        assertThat(parse().settings(Map.of()).isEmpty()).isTrue();
        assertThat(parse().settings(Map.of("DELTASQL_S3_PATH_STYLE", "true")).get(StorageSettings.S3_PATH_STYLE)).isEqualTo("true");
    }

    @Test
    void aStorageEntryWithoutValueIsAUsageErrorThatDoesNotEchoValues() {
        assertThatThrownBy(() -> parse("--storage", "s3.secret-key= ").settings(Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("--storage s3.secret-key=");
    }
}
