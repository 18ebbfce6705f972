package io.deltasql.store;

import static io.deltasql.store.SharedTables.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.Origin;
import io.deltasql.store.schema.SchemaMigrator;
import io.deltasql.store.write.PgVersionWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchemaIT {
    @RegisterExtension
    final PgTestDatabase db = new PgTestDatabase();

    private static final List<String> TABLES = List.of("dl_add_files", "dl_cdc_files", "dl_commit_infos",
            "dl_domain_metadata", "dl_metadata_updates", "dl_other_actions", "dl_protocol_updates", "dl_remove_files",
            "dl_schema_history", "dl_table_versions", "dl_tables", "dl_txn_actions");

    @Test
    void createsTheSchemaAndItsTablesOnceAndReRunsAsNoOp() throws SQLException {
        PgTarget target = db.target("Odd \"Schema\"", "t");
        assertThat(SchemaMigrator.migrate(target)).isEqualTo(1);
        assertThat(SchemaMigrator.migrate(target)).isZero();
        try (MetadataStore store = MetadataStore.connect(target)) {
            store.register("t", "file:/t", false);
        }
        assertThat(relations("Odd \"Schema\"", "r")).containsExactlyElementsOf(TABLES);
        assertThat(relations("Odd \"Schema\"", "v")).containsExactly("dl_live_files");
        assertThat(relations("public", "r")).isEmpty();
    }

    @Test
    void worksForAUserThatMayOnlyCreateInItsSchema() throws SQLException {
        String role = "deltasql_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            s.execute("CREATE SCHEMA lake");
            s.execute("GRANT USAGE, CREATE ON SCHEMA lake TO " + role);
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
        try {
            Map<String, String> env = new HashMap<>(PgTestDatabase.env());
            env.put("PGUSER", role);
            PgTarget target = PgTarget.parse("deltasql://postgres/" + db.name() + "/lake/t", env);
            try (MetadataStore store = MetadataStore.connect(target)) {
                RegisteredTable t = store.register("t", "file:/t", false);
                try (PgVersionWriter w = store.writer(t)) {
                    w.apply(batch(0, Origin.COMMIT, 1, List.of(Actions.protocol(1, 2), Actions.add("a", 1))));
                }
                assertThat(store.queries().latest(t).numFiles()).isEqualTo(1);
            }
            assertThat(relations("lake", "r")).containsExactlyElementsOf(TABLES);
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA lake CASCADE");
                s.execute("DROP OWNED BY " + role);
                s.execute("DROP ROLE " + role);
            }
        }
    }

    private List<String> relations(String schema, String kind) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                     + "WHERE n.nspname = '" + schema.replace("'", "''") + "' AND c.relkind = '" + kind + "' ORDER BY c.relname")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
