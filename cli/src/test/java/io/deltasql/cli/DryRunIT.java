package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code import --dry-run} meets what the real import would meet first, in the same words and exit
 * code, and changes nothing (issue #12, point 2): each case runs the dry run, checks that the
 * store holds exactly what it held before, then runs the real import and compares.
 */
class DryRunIT {
    @TempDir
    Path tmp;

    private static final String SOURCE = Cli.table("simple-table").toString();

    /** The dry run fails as the real run does, and leaves the store as it was. */
    private static Cli.Result sameFailureAsTheImport(Supplier<List<String>> contents, String target, int exitCode,
                                                     String... extra) {
        List<String> before = contents.get();
        Cli.Result dry = Cli.run(args(target, true, extra));
        assertThat(contents.get()).as("the dry run changed nothing").isEqualTo(before);
        Cli.Result real = Cli.run(args(target, false, extra));
        assertThat(real.exitCode()).as(real.toString()).isEqualTo(exitCode);
        assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(exitCode);
        assertThat(dry.err()).as("the same one line as the import").isEqualTo(real.err());
        assertThat(dry.err().strip().lines()).hasSize(1);
        assertThat(dry.out()).isEmpty();
        return dry;
    }

    private static List<String> objects(PgDatabase db) {
        try {
            return db.userObjects();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] args(String target, boolean dryRun, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("import", SOURCE, target, "--progress=none"));
        if (dryRun) {
            a.add("--dry-run");
        }
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anAlreadyImportedTableNeedsResumeOrForceInTheDryRunToo(StoreKind kind) throws Exception {
        try (TestStore db = TestStore.open(kind)) {
            String target = db.uri("delta", "simple");
            assertThat(Cli.run(args(target, false)).exitCode()).isZero();
            Cli.Result dry = sameFailureAsTheImport(db::contents, target, ExitCodes.USAGE);
            assertThat(dry.err()).contains("already imported").contains("--resume").contains("--force");

            Cli.Result resume = Cli.run(args(target, true, "--resume"));
            assertThat(resume.exitCode()).as(resume.toString()).isZero();
            assertThat(resume.out()).contains("Nothing to import");
            Cli.Result force = Cli.run(args(target, true, "--force"));
            assertThat(force.exitCode()).as(force.toString()).isZero();
            assertThat(force.err()).contains("dry run: --force: replacing table");
            assertThat(force.out()).contains("Would import 5 versions (0 to 4)");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aFreshTargetIsReportedAsWhatTheImportWouldCreateAndStaysEmpty(StoreKind kind) throws Exception {
        try (TestStore db = TestStore.open(kind)) {
            Cli.Result dry = Cli.run(args(db.uri("delta", "simple"), true));
            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(dry.err()).contains("dry run: the import would create").contains("the dl_* tables");
            assertThat(dry.out()).contains("Would import 5 versions (0 to 4)");
            assertThat(db.contents()).as("no schema, no table, no file").isEmpty();
        }
    }

    /** Estimates count the fixed costs of a whole import: a 15-version table was once estimated at 0.0 s for a 7 s import. */
    @Test
    void theEstimateCountsStartConnectionMigrationAndValidation() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String source = Cli.table("checkpoint").toString();
            com.fasterxml.jackson.databind.JsonNode fresh = json(Cli.run("import", source, db.uri("delta", "a"), "--dry-run",
                    "--format=json"));
            com.fasterxml.jackson.databind.JsonNode parts = fresh.get("estimated_seconds_parts");
            assertThat(parts.get("start").asDouble()).isPositive();
            assertThat(parts.get("validation").asDouble()).isPositive();
            assertThat(fresh.get("estimated_seconds").asDouble()).as("at least the fixed costs")
                    .isGreaterThanOrEqualTo(io.deltasql.cli.importer.MeasuredCosts.START_SECONDS
                            + io.deltasql.cli.importer.MeasuredCosts.CONNECT_SECONDS + io.deltasql.cli.importer.MeasuredCosts.MIGRATE_SECONDS);
            assertThat(fresh.get("estimated_db_bytes").asLong()).as("the empty dl_* schema counts").isGreaterThan(200_000);

            assertThat(Cli.run("import", source, db.uri("delta", "a"), "--progress=none").exitCode()).isZero();
            com.fasterxml.jackson.databind.JsonNode second = json(Cli.run("import", source, db.uri("delta", "b"), "--dry-run",
                    "--format=json", "--skip-validation"));
            assertThat(second.get("estimated_seconds_parts").get("connect_and_schema").asDouble())
                    .as("no migration into an existing schema").isLessThan(parts.get("connect_and_schema").asDouble());
            assertThat(second.get("estimated_seconds_parts").get("validation").asDouble()).isZero();
            assertThat(second.get("estimated_db_bytes").asLong()).isLessThan(fresh.get("estimated_db_bytes").asLong() - 200_000);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Cli.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    }

    @Test
    void aMissingDatabaseIsTheImportsError() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            String missing = db.uri("delta", "t").replace(db.name(), db.name() + "_missing");
            Cli.Result dry = sameFailureAsTheImport(List::of, missing, ExitCodes.DATABASE);
            assertThat(dry.err()).contains("does not exist").contains("createdb");
        }
    }

    @Test
    void anUnreachableServerIsTheImportsError() {
        Cli.Result dry = sameFailureAsTheImport(List::of, "deltasql://postgres/lake/delta/t?host=127.0.0.1&port=1",
                ExitCodes.DATABASE);
        assertThat(dry.err()).contains("connection refused");
    }

    @Test
    void aDlNameTheUserOwnsIsRefusedByTheDryRun() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            db.execute("CREATE SCHEMA shop");
            db.execute("CREATE TABLE shop.dl_live_files (id int)");
            Cli.Result dry = sameFailureAsTheImport(() -> objects(db), db.uri("shop", "t"), ExitCodes.DATABASE);
            assertThat(dry.err()).contains("table named dl_live_files").contains("nothing was written");
        }
    }

    @Test
    void aUserWhoMayNotCreateTheSchemaIsToldByTheDryRun() throws Exception {
        String role = "dryrun_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            PgDatabase.admin("CREATE ROLE " + role + " LOGIN");
            try {
                String target = db.uri("delta", "t").replaceFirst("user=[^&]*", "user=" + role);
                Cli.Result dry = sameFailureAsTheImport(() -> objects(db), target, ExitCodes.DATABASE);
                assertThat(dry.err()).contains("may not create schema").contains("GRANT CREATE ON DATABASE");
            } finally {
                db.close();
                PgDatabase.admin("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    @Test
    void aSqliteFileInAMissingDirectoryIsTheImportsError() {
        Path dir = tmp.resolve("no-such-dir");
        String target = "deltasql://sqlite/" + dir.resolve("lake.db") + "/t";
        Cli.Result dry = sameFailureAsTheImport(() -> List.of(String.valueOf(Files.exists(dir))), target, ExitCodes.DATABASE);
        assertThat(dry.err()).contains("does not exist");
    }
}
