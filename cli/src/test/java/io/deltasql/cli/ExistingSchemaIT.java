package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.testing.PgDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Importing into a schema that already holds the user's tables and the user's own Flyway history (issue #12, point 1). */
class ExistingSchemaIT {

    /** What an application leaves in a schema: tables, rows, a view, and its Flyway history under the default name. */
    private static void applicationSchema(PgDatabase db, String schema) throws SQLException {
        if (!schema.equals("public")) {
            db.execute("CREATE SCHEMA " + schema);
        }
        db.execute("CREATE TABLE " + schema + ".customers (id int PRIMARY KEY, name text)");
        db.execute("INSERT INTO " + schema + ".customers VALUES (1, 'ann'), (2, 'bob')");
        db.execute("CREATE TABLE " + schema + ".flyway_schema_history (installed_rank int NOT NULL PRIMARY KEY,"
                + " version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL,"
                + " script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL,"
                + " installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL)");
        db.execute("INSERT INTO " + schema + ".flyway_schema_history VALUES"
                + " (1, '1', 'create customers', 'SQL', 'V1__create_customers.sql', 12345, 'app', '2024-01-01', 7, true),"
                + " (2, '2', 'index names', 'SQL', 'V2__index_names.sql', 67890, 'app', '2024-02-01', 3, true)");
    }

    private static List<String> rows(PgDatabase db, String... queries) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String q : queries) {
                try (ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> usersData(PgDatabase db, String schema) throws SQLException {
        return rows(db, "SELECT id || ' ' || name FROM " + schema + ".customers ORDER BY id",
                "SELECT concat_ws(' ', installed_rank, version, description, type, script, checksum, installed_by,"
                        + " installed_on, execution_time, success) FROM " + schema + ".flyway_schema_history ORDER BY 1");
    }

    @Test
    void twoTablesImportIntoPublicBesideTheUsersTablesAndFlywayHistory() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            applicationSchema(db, "public");
            List<String> before = usersData(db, "public");

            Cli.Result sales = Cli.run("import", Cli.table("checkpoint").toString(), db.uri("public", "sales"), "--progress=none");
            assertThat(sales.exitCode()).as(sales.toString()).isZero();
            assertThat(sales.out()).contains("Overall: PASSED ✓");
            Cli.Result orders = Cli.run("import", Cli.table("simple-table").toString(), db.uri("public", "orders"), "--progress=none");
            assertThat(orders.exitCode()).as(orders.toString()).isZero();

            assertThat(Cli.run("snapshot", db.uri("public", "sales"), "--format=json").out()).isEqualTo(Cli.expected("checkpoint.json"));
            assertThat(Cli.run("snapshot", db.uri("public", "orders"), "--format=json").out()).isEqualTo(Cli.expected("simple-table.json"));
            assertThat(usersData(db, "public")).as("the user's rows and history").isEqualTo(before);
            assertThat(rows(db, "SELECT coalesce(version, '-') || ' ' || type FROM public.dl_schema_history ORDER BY installed_rank"))
                    .as("deltasql's own history: a baseline, then every migration").startsWith("0 BASELINE", "1 SQL", "2 SQL");
        }
    }

    @Test
    void aSchemaWithAUsersFlywayHistoryTakesTwoDeltasqlTables() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            applicationSchema(db, "shop");
            List<String> before = usersData(db, "shop");
            for (String[] t : new String[][] {{"dv-partitioned-with-checkpoint", "dv"}, {"checkpoints-vacuumed", "vacuumed"}}) {
                Cli.Result r = Cli.run("import", Cli.table(t[0]).toString(), db.uri("shop", t[1]), "--progress=none");
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.out()).contains("Overall: PASSED ✓");
            }
            assertThat(Cli.run("snapshot", db.uri("shop", "dv"), "--format=json").out())
                    .isEqualTo(Cli.expected("dv-partitioned-with-checkpoint.json"));
            assertThat(usersData(db, "shop")).isEqualTo(before);
        }
    }

    @Test
    void aDlNameTheUserOwnsIsRefusedInOneLineBeforeAnythingIsWritten() throws Exception {
        try (PgDatabase db = PgDatabase.create("cli_it")) {
            applicationSchema(db, "public");
            db.execute("CREATE TABLE public.dl_tables (id int)");
            List<String> before = db.userObjects();

            for (String mode : new String[] {"--progress=none"}) {
                Cli.Result r = Cli.run("import", Cli.table("simple-table").toString(), db.uri("public", "t"), mode);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.DATABASE);
                assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
                assertThat(r.err()).contains("table named dl_tables").contains("nothing was written");
            }
            assertThat(db.userObjects()).isEqualTo(before);
        }
    }
}
