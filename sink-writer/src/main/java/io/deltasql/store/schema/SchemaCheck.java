package io.deltasql.store.schema;

import io.deltasql.store.PgTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * What deltasql would do to the target schema, found with read-only queries before anything is
 * written: which migrations are pending, whether Flyway must baseline (the schema holds the user's
 * own tables), and whether it cannot go ahead at all (a {@code dl_*} name deltasql did not create,
 * no right to create the schema or the tables). The import and its dry run both use it, so they
 * refuse in the same words.
 *
 * <p>deltasql keeps its history in its own {@code dl_schema_history}; a user's
 * {@code flyway_schema_history} (or any other tool's table) is neither read as deltasql's nor
 * touched. One exception: a schema whose {@code dl_*} tables are recorded in a
 * {@code flyway_schema_history} by deltasql's own scripts (a schema set up with Flyway's default
 * table name) is adopted at the version recorded there, and only the later migrations run.
 */
public final class SchemaCheck {
    /** Flyway's default history table name: only read, to adopt a deltasql schema recorded there. */
    static final String FLYWAY_DEFAULT_HISTORY = "flyway_schema_history";
    /** A table every deltasql schema has; its presence tells a deltasql schema from a user's Flyway schema. */
    private static final String DL_TABLES = "dl_tables";
    /** Flyway's history table has these columns; a dl_schema_history without them is someone else's table. */
    private static final Set<String> HISTORY_COLUMNS = Set.of("installed_rank", "version", "script", "checksum", "success");

    private final boolean schemaExists;
    private final List<MigrationInfo> pending;
    private final MigrationVersion baselineVersion;
    private final String adoptedFrom;

    private SchemaCheck(boolean schemaExists, List<MigrationInfo> pending, MigrationVersion baselineVersion,
                        String adoptedFrom) {
        this.schemaExists = schemaExists;
        this.pending = pending;
        this.baselineVersion = baselineVersion;
        this.adoptedFrom = adoptedFrom;
    }

    /** Whether the schema is there already (else the import creates it). */
    public boolean schemaExists() {
        return schemaExists;
    }

    /** The migrations an import would run, in order; empty when the schema is current. */
    public List<String> pendingScripts() {
        return pending.stream().map(MigrationInfo::getScript).toList();
    }

    /**
     * The version Flyway records as a baseline before migrating, null when the schema already has
     * deltasql's history. {@code 0} for a schema without deltasql (so every migration runs); the
     * adopted version for a deltasql schema recorded in {@code flyway_schema_history}.
     */
    MigrationVersion baselineVersion() {
        return baselineVersion;
    }

    /** The history table whose deltasql rows were adopted, or null. */
    public String adoptedFrom() {
        return adoptedFrom;
    }

    /**
     * Reads the schema with {@code conn} (nothing is written) and decides.
     *
     * @param migrations Flyway's view of deltasql's migrations for this schema ({@code flyway.info().all()}),
     *                   asked only once dl_schema_history is known to be Flyway's (Flyway reads it)
     * @throws SchemaConflictException when the import could not create or upgrade the dl_* tables
     * @throws SQLException            on any database error, for the caller to wrap
     */
    static SchemaCheck inspect(Connection conn, PgTarget target, Supplier<MigrationInfo[]> flywayInfo) throws SQLException {
        String schema = target.schema();
        Long oid = schemaOid(conn, schema);
        if (oid == null) {
            requirePrivilege(conn, "SELECT has_database_privilege(current_database(), 'CREATE')", null, target,
                    "create schema " + SqlNames.quote(schema) + " in database " + target.database(),
                    "create the schema first and grant the user CREATE on it, or GRANT CREATE ON DATABASE "
                            + SqlNames.quote(target.database()) + " TO " + SqlNames.quote(target.user()));
            return new SchemaCheck(false, pendingOf(flywayInfo.get(), null, false), MigrationVersion.fromVersion("0"), null);
        }
        Map<String, Character> relations = relations(conn, oid);
        MigrationVersion baseline = null;
        String adoptedFrom = null;
        boolean ownHistory = relations.containsKey(SchemaMigrator.HISTORY_TABLE);
        if (ownHistory && !hasColumns(conn, schema, SchemaMigrator.HISTORY_TABLE)) {
            throw conflict(target, SchemaMigrator.HISTORY_TABLE, relations.get(SchemaMigrator.HISTORY_TABLE),
                    "it is not a Flyway history table");
        }
        MigrationInfo[] migrations = flywayInfo.get();
        if (!ownHistory) {
            MigrationVersion recorded = relations.containsKey(FLYWAY_DEFAULT_HISTORY) && relations.containsKey(DL_TABLES)
                    ? deltasqlVersionIn(conn, schema, migrations) : null;
            if (recorded != null) {
                baseline = recorded;
                adoptedFrom = FLYWAY_DEFAULT_HISTORY;
            } else {
                baseline = MigrationVersion.fromVersion("0");
            }
        }
        List<MigrationInfo> pending = pendingOf(migrations, baseline, ownHistory);
        checkNames(target, relations, pending, ownHistory || adoptedFrom != null);
        if (!pending.isEmpty()) {
            requirePrivilege(conn, "SELECT has_schema_privilege(?::oid, 'CREATE') AND has_schema_privilege(?::oid, 'USAGE')",
                    oid, target, "create tables in schema " + SqlNames.quote(schema),
                    "GRANT USAGE, CREATE ON SCHEMA " + SqlNames.quote(schema) + " TO " + SqlNames.quote(target.user())
                            + ", or import into a schema the user owns");
        }
        return new SchemaCheck(true, pending, baseline, adoptedFrom);
    }

    /** With deltasql's history: what Flyway calls pending. Without: every migration above the baseline. */
    private static List<MigrationInfo> pendingOf(MigrationInfo[] migrations, MigrationVersion baseline, boolean ownHistory) {
        List<MigrationInfo> out = new ArrayList<>();
        for (MigrationInfo m : migrations) {
            if (m.getVersion() == null || m.getScript() == null) {
                continue;
            }
            boolean isPending = ownHistory ? m.getState() == MigrationState.PENDING
                    : baseline == null || m.getVersion().isNewerThan(baseline.getVersion());
            if (isPending && !m.getState().isApplied()) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Every name a pending migration creates must be free, unless a pending migration dropped it
     * first. A table also takes its primary key's index name ({@code <table>_pkey}). Without any
     * deltasql history, Flyway's own history table name must be free too.
     */
    private static void checkNames(PgTarget target, Map<String, Character> relations, List<MigrationInfo> pending,
                                   boolean hasHistory) {
        Set<String> dropped = new HashSet<>();
        for (MigrationInfo m : pending) {
            for (MigrationNames.Change change : MigrationNames.changes(script(m.getScript()))) {
                if (!change.created()) {
                    dropped.add(change.name());
                    continue;
                }
                if (change.replaces() && hasHistory && Character.valueOf('v').equals(relations.get(change.name()))) {
                    continue; // a view of deltasql's, redefined in place (a schema with deltasql's history has its V1 view)
                }
                List<String> names = change.table() ? List.of(change.name(), change.name() + "_pkey") : List.of(change.name());
                for (String name : names) {
                    if (relations.containsKey(name) && !dropped.contains(name)) {
                        throw conflict(target, name, relations.get(name), hasHistory
                                ? "migration " + m.getScript() + " would create it"
                                : "no " + SchemaMigrator.HISTORY_TABLE + " records it");
                    }
                }
                dropped.remove(change.name());
            }
        }
    }

    private static SchemaConflictException conflict(PgTarget target, String name, Character relkind, String why) {
        return new SchemaConflictException("schema " + target.schema() + " at " + target.server() + " already has a "
                + kind(relkind) + " named " + name + " that deltasql did not create (" + why + "): nothing was written;"
                + " rename or drop it, or import into another schema (deltasql://postgres/" + target.database()
                + "/<schema>/<table>)");
    }

    private static String kind(Character relkind) {
        if (relkind == null) {
            return "relation";
        }
        return switch (relkind) {
            case 'r', 'p' -> "table";
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'i', 'I' -> "index";
            case 'S' -> "sequence";
            case 'f' -> "foreign table";
            case 'c' -> "type";
            default -> "relation";
        };
    }

    private static void requirePrivilege(Connection conn, String sql, Long oid, PgTarget target, String what,
                                         String fix) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            if (oid != null) {
                ps.setLong(1, oid);
                ps.setLong(2, oid);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !rs.getBoolean(1)) {
                    throw new SchemaConflictException("user " + target.user() + " may not " + what + " at "
                            + target.server() + ": nothing was written; " + fix);
                }
            }
        }
    }

    private static Long schemaOid(Connection conn, String schema) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static Map<String, Character> relations(Connection conn, long oid) throws SQLException {
        Map<String, Character> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT relname, relkind FROM pg_catalog.pg_class WHERE relnamespace = ?::oid")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(2);
                    out.put(rs.getString(1), kind == null || kind.isEmpty() ? null : kind.charAt(0));
                }
            }
        }
        return out;
    }

    /**
     * The highest version of deltasql's own scripts that {@code flyway_schema_history} records as
     * applied, or null when it records none (then it is the user's, and deltasql ignores it). A
     * table without Flyway's columns is not a history: null as well.
     */
    private static MigrationVersion deltasqlVersionIn(Connection conn, String schema, MigrationInfo[] migrations)
            throws SQLException {
        if (!hasColumns(conn, schema, FLYWAY_DEFAULT_HISTORY)) {
            return null;
        }
        List<String> scripts = new ArrayList<>();
        for (MigrationInfo m : migrations) {
            if (m.getVersion() != null && m.getScript() != null) {
                scripts.add(m.getScript());
            }
        }
        String sql = "SELECT version FROM " + SqlNames.quote(schema) + "." + SqlNames.quote(FLYWAY_DEFAULT_HISTORY)
                + " WHERE success AND version IS NOT NULL AND script = ANY (?)";
        MigrationVersion max = null;
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            Array array = conn.createArrayOf("text", scripts.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                    if (max == null || v.isNewerThan(max.getVersion())) {
                        max = v;
                    }
                }
            }
        }
        return max;
    }

    private static boolean hasColumns(Connection conn, String schema, String table) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? AND column_name = ANY (?)")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setArray(3, conn.createArrayOf("text", HISTORY_COLUMNS.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == HISTORY_COLUMNS.size();
            }
        }
    }

    private static String script(String name) {
        String path = SchemaMigrator.LOCATION.substring("classpath:".length()) + "/" + name;
        try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
