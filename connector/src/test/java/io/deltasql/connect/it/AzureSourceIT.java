package io.deltasql.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.log.storage.LogStorage;
import io.deltasql.storage.LogStorages;
import io.deltasql.storage.StorageSettings;
import io.deltasql.storage.testing.AzuriteServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source connector tails a table on Azure Blob Storage (Azurite from npm, on loopback; skipped
 * with a printed reason only where npm is absent) through the first-class {@code storage.azure.*}
 * keys, and the sink mirrors it into PostgreSQL: the initial sync, then two commits a writer uploads
 * later. The account key appears in no REST response.
 */
class AzureSourceIT {
    private static final String CONTAINER = "lake";
    private static final String TABLE = "simple-table";
    private static final String LOCATION = "az://" + CONTAINER + "/tables/" + TABLE;

    @TempDir
    static Path tmp;
    static AzuriteServer azurite;
    static ConnectFixture it;
    static Path local;

    @BeforeAll
    static void start() throws Exception {
        azurite = AzuriteServer.startOrSkip(tmp.resolve("azurite"));
        local = SharedTables.copy(TABLE, tmp.resolve("local"));
        azurite.upload(CONTAINER, "tables", Map.of(TABLE, local));
        it = ConnectFixture.start("deltasql-azure-it", Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (it != null) {
            it.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void sourceTailsAnAzureTableAndTheKeyStaysOutOfTheRestApi() throws Exception {
        Map<String, String> storage = Map.of("storage." + StorageSettings.AZURE_ENDPOINT, azurite.endpoint(),
                "storage." + StorageSettings.AZURE_ACCOUNT, AzuriteServer.ACCOUNT,
                "storage." + StorageSettings.AZURE_ACCOUNT_KEY, AzuriteServer.KEY);
        it.startSource("src-az", "az", "az_simple=" + LOCATION, storage);
        it.startSink("sink-az", "az", Map.of());

        it.awaitHead("az_simple", 4);
        assertMirrorsAzure("az_simple", 4);

        // A legacy writer keeps committing to the table in Azure: the source picks the commits up.
        // Each commit appears whole and in order, as a Delta writer on Azure makes it (temp + rename).
        SharedTables.appendCommit(local, 5, 3);
        azurite.commit(CONTAINER, "tables", TABLE, local, 5);
        SharedTables.appendCommit(local, 6, 2);
        azurite.commit(CONTAINER, "tables", TABLE, local, 6);
        it.awaitHead("az_simple", 6);
        assertMirrorsAzure("az_simple", 6);
        assertThat(it.history("az_simple")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);

        for (String resource : List.of("connectors/src-az/status", "connectors/src-az/tasks/0/status")) {
            var r = it.connect.requestGet(it.connect.endpointForResource(resource));
            assertThat(String.valueOf(r.getEntity())).as(resource).doesNotContain(AzuriteServer.KEY);
        }
        it.delete("src-az", "sink-az");
    }

    /** PostgreSQL holds what delta-log replays from the same Azure location. */
    private static void assertMirrorsAzure(String name, long version) throws Exception {
        Snapshot expected;
        try (LogStorage storage = LogStorages.forLocation(LOCATION, azurite.settings());
             DeltaLog log = DeltaLog.open(LOCATION, storage)) {
            expected = log.latestSnapshot();
        }
        assertThat(expected.version()).isEqualTo(version);
        assertThat(expected.files()).isNotEmpty();
        it.assertMirrors(name, expected);
    }
}
