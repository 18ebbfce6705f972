package io.deltasql.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.storage.testing.AzuriteServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code abfs://} and {@code az://} live against Azurite (installed from npm, on loopback): shared tables
 * equal their local copies with nothing but {@code azure.endpoint}, the account and its key; a missing
 * container, a wrong key and an endpoint that refuses connections are one line each, without the key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureLogStorageIT {
    private static final String CONTAINER = "lake";
    private static final List<String> TABLES = List.of("simple-table", "checkpoint", "multi-part-checkpoint",
            "v2-checkpoint-json", "v2-checkpoints-json-with-sidecars", "v2-checkpoint-parquet");

    private AzuriteServer azurite;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        azurite = AzuriteServer.startOrSkip(work.resolve("azurite"));
        Map<String, Path> tables = new LinkedHashMap<>();
        TABLES.forEach(t -> tables.put(t, SharedTables.table(t)));
        azurite.upload(CONTAINER, "tables", tables);
    }

    @AfterAll
    void stop() throws Exception {
        if (azurite != null) {
            azurite.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"simple-table,abfs", "checkpoint,az", "multi-part-checkpoint,abfs", "v2-checkpoint-json,az",
            "v2-checkpoints-json-with-sidecars,abfs", "v2-checkpoint-parquet,az"})
    void sharedTableOverAzureEqualsTheLocalCopy(String table, String scheme) throws Exception {
        String location = scheme.equals("az") ? "az://" + CONTAINER + "/tables/" + table
                : AzuriteServer.abfsRoot(CONTAINER) + "/tables/" + table;
        try (LogStorage storage = LogStorages.forLocation(location, azurite.settings());
             DeltaLog remote = DeltaLog.open(location, storage);
             DeltaLog local = DeltaLog.openLocal(SharedTables.table(table).toString())) {
            Snapshot expected = local.latestSnapshot();
            Snapshot actual = remote.latestSnapshot();
            assertThat(actual.version()).isEqualTo(expected.version());
            assertThat(actual.files()).isEqualTo(expected.files()).isNotEmpty();
            assertThat(actual.tombstones()).isEqualTo(expected.tombstones());
            assertThat(actual.protocol()).isEqualTo(expected.protocol());
            assertThat(actual.metadata()).isEqualTo(expected.metadata());
            assertThat(actual.txns()).isEqualTo(expected.txns());
            assertThat(remote.location()).isEqualTo(location);
        }
    }

    @Test
    void missingContainerIsOneLine() {
        String location = AzuriteServer.abfsRoot("no-such-container") + "/tables/simple-table";
        DeltaLogException e = failure(location, azurite.settings());
        assertOneLine(e, location, "no such container 'no-such-container'", "check the container name");
    }

    @Test
    void wrongKeyIsOneLineWithoutTheKey() {
        String wrongKey = java.util.Base64.getEncoder().encodeToString("not-the-account-key-0123456789".getBytes());
        String location = "az://" + CONTAINER + "/tables/simple-table";
        DeltaLogException e = failure(location, azurite.settings(wrongKey));
        assertOneLine(e, location, "access denied (HTTP 403", "account key of " + AzuriteServer.ACCOUNT, "check the account key");
        assertThat(stackText(e)).doesNotContain(wrongKey, AzuriteServer.KEY);
    }

    @Test
    void anEndpointThatRefusesConnectionsFailsWithinTheBound() {
        StorageSettings s = StorageSettings.of(Map.of(StorageSettings.AZURE_ENDPOINT, "http://127.0.0.1:1",
                StorageSettings.AZURE_ACCOUNT, AzuriteServer.ACCOUNT, StorageSettings.AZURE_ACCOUNT_KEY, AzuriteServer.KEY,
                StorageSettings.RETRY_TIMEOUT, "2s"));
        String location = "az://" + CONTAINER + "/tables/simple-table";
        long start = System.nanoTime();
        DeltaLogException e = failure(location, s);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertOneLine(e, location, "connection refused at http://127.0.0.1:1", "retried for 2s", "check that the endpoint is up");
        assertThat(seconds).as("failed after %.1f s", seconds).isLessThan(2.0 + 3.0);
    }

    private static DeltaLogException failure(String location, StorageSettings settings) {
        return catchThrowableOfType(DeltaLogException.class, () -> {
            try (LogStorage storage = LogStorages.forLocation(location, settings);
                 DeltaLog log = DeltaLog.open(location, storage)) {
                log.latestSnapshot();
            }
        });
    }

    private static void assertOneLine(DeltaLogException e, String... parts) {
        assertThat(e).as("must fail").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(DeltaLogException.Kind.IO);
        assertThat(e.getMessage()).doesNotContain("\n").contains(parts);
        assertThat(e.getMessage().length()).as(e.getMessage()).isLessThanOrEqualTo(200);
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
