package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.storage.testing.AzuriteServer;
import io.deltasql.testing.PgDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code deltasql import abfs://…} and {@code az://…} live against Azurite (installed from npm; skipped
 * with a printed reason only when npm is absent), with the first-class {@code --azure-endpoint}: imports
 * equal {@code expected/}, {@code --resume} picks up new commits, a missing container, a wrong key and a
 * missing table are one line each, and the account key is in no output and no row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureImportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTAINER = "lake";

    private AzuriteServer azurite;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        azurite = AzuriteServer.startOrSkip(work.resolve("azurite"));
        Map<String, Path> tables = new LinkedHashMap<>();
        for (String t : List.of("checkpoint", "v2-checkpoint-json", "multi-part-checkpoint")) {
            tables.put(t, Cli.table(t));
        }
        azurite.upload(CONTAINER, "tables", tables);
    }

    @AfterAll
    void stop() throws Exception {
        if (azurite != null) {
            azurite.close();
        }
    }

    private List<String> options(String key) {
        return List.of("--azure-endpoint", azurite.endpoint(), "--azure-account", AzuriteServer.ACCOUNT,
                "--storage", "azure.account-key=" + key);
    }

    private Cli.Result run(List<Cli.Result> all, List<String> command, List<String> options) {
        List<String> a = new ArrayList<>(command);
        a.addAll(options);
        Cli.Result r = Cli.run(a.toArray(String[]::new));
        all.add(r);
        return r;
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"checkpoint,abfs", "v2-checkpoint-json,az", "multi-part-checkpoint,az"})
    void importFromAzureEqualsTheOracle(String table, String scheme) throws Exception {
        String location = scheme.equals("az") ? "az://" + CONTAINER + "/tables/" + table
                : AzuriteServer.abfsRoot(CONTAINER) + "/tables/" + table;
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            List<Cli.Result> all = new ArrayList<>();
            Cli.Result imported = run(all, List.of("import", location, db.uri("az", table), "--format=json", "--progress=none"),
                    options(AzuriteServer.KEY));
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            assertThat(JSON.readTree(imported.out()).get("validation_passed").asBoolean()).isTrue();
            Cli.Result snapshot = run(all, List.of("snapshot", db.uri("az", table), "--format=json"), List.of());
            assertThat(snapshot.out()).as(snapshot.toString()).isEqualTo(Cli.expected(table + ".json"));
            if (StorageAssertions.hasDataFiles(table)) {
                StorageAssertions.readsLikeTheLocalCopy(db, table, db.uri("az", table), options(AzuriteServer.KEY), all);
            }
            StorageAssertions.secretsNowhere(all, AzuriteServer.KEY);
            StorageAssertions.secretsNotInDatabase(db, AzuriteServer.KEY);
        }
    }

    @Test
    void resumeImportsTheCommitsWrittenSince(@TempDir Path tmp) throws Exception {
        Path copy = TableCopies.copy("simple-table", tmp, 2L);
        azurite.upload(CONTAINER, "grow", Map.of("simple-table", copy));
        String location = "az://" + CONTAINER + "/grow/simple-table";
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            List<Cli.Result> all = new ArrayList<>();
            Cli.Result first = run(all, List.of("import", location, db.uri("az", "grow"), "--format=json", "--progress=none"),
                    options(AzuriteServer.KEY));
            assertThat(first.exitCode()).as(first.toString()).isZero();
            TableCopies.appendVersions("simple-table", copy, 3, 4);
            azurite.upload(CONTAINER, "grow", Map.of("simple-table", copy));
            Cli.Result resumed = run(all, List.of("import", location, db.uri("az", "grow"), "--resume", "--format=json",
                    "--progress=none"), options(AzuriteServer.KEY));
            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            assertThat(JSON.readTree(resumed.out()).get("versions_imported").asLong()).isEqualTo(2);
            Cli.Result snapshot = run(all, List.of("snapshot", db.uri("az", "grow"), "--format=json"), List.of());
            assertThat(snapshot.out()).isEqualTo(Cli.expected("simple-table.json"));
            StorageAssertions.secretsNowhere(all, AzuriteServer.KEY);
        }
    }

    @Test
    void missingContainerWrongKeyAndMissingTableAreOneLineEach() throws Exception {
        String wrongKey = java.util.Base64.getEncoder().encodeToString("not-the-account-key-0123456789".getBytes());
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            List<Cli.Result> all = new ArrayList<>();
            Cli.Result noContainer = run(all, List.of("import", "az://no-such-container/t", db.uri("az", "t"), "--progress=none"),
                    options(AzuriteServer.KEY));
            StorageAssertions.oneLineSourceError(noContainer, "no such container 'no-such-container'");
            Cli.Result denied = run(all, List.of("import", "az://" + CONTAINER + "/tables/checkpoint", db.uri("az", "t"),
                    "--progress=none"), options(wrongKey));
            StorageAssertions.oneLineSourceError(denied, "access denied (HTTP 403", "check the account key");
            Cli.Result noTable = run(all, List.of("import", "az://" + CONTAINER + "/tables/none", db.uri("az", "t"),
                    "--progress=none"), options(AzuriteServer.KEY));
            StorageAssertions.oneLineSourceError(noTable, "az://" + CONTAINER + "/tables/none", "not a Delta table");
            assertThat(db.userObjects()).isEmpty();
            StorageAssertions.secretsNowhere(all, AzuriteServer.KEY, wrongKey);
        }
    }
}
