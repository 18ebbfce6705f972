package io.deltasql.store;

import io.deltasql.store.postgres.PgTargetProbe;
import io.deltasql.store.postgres.PostgresStore;
import io.deltasql.store.sqlite.SqliteTargetProbe;
import io.deltasql.store.sqlite.SqliteStore;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Picks the store a target URI names: {@code deltasql://postgres/…} or {@code jdbc:postgresql://…}
 * ({@link PgTarget}), {@code deltasql://sqlite/<path-to-file>/<table>} ({@link SqliteTarget}).
 * Nothing above sink-writer needs to know which one it talks to.
 */
public final class Stores {
    /** The accepted forms, for messages. */
    public static final String GRAMMAR = "deltasql://postgres/<db>[/<schema>/<table>][?host=&port=&user=&password=&sslmode=], "
            + "jdbc:postgresql://host[:port]/<db> with a table name, or " + SqliteTarget.GRAMMAR;

    private Stores() {
    }

    /**
     * Parses a target URI. {@code tableName} is used when the URI names no table (PostgreSQL's
     * {@code deltasql://postgres/<db>} and {@code jdbc:} forms); a SQLite target always names its table.
     * Near misses ({@code sqlite:…}, {@code jdbc:sqlite:…}, a bare file) are refused with a hint.
     */
    public static StoreTarget parse(String uri, Map<String, String> env, String tableName) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("no target given: expected " + GRAMMAR);
        }
        if (uri.startsWith(SqliteTarget.PREFIX)) {
            return SqliteTarget.parse(uri);
        }
        if (uri.startsWith("deltasql://postgres/") || uri.startsWith("jdbc:postgresql://")) {
            return PgTarget.parse(uri, env, tableName);
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:") || lower.startsWith("jdbc:sqlite:") || lower.startsWith("deltasql://sqlite")
                || lower.endsWith(".db") || lower.endsWith(".sqlite") || lower.endsWith(".sqlite3")) {
            throw new IllegalArgumentException("unsupported target '" + uri + "': a SQLite target is written "
                    + SqliteTarget.GRAMMAR);
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://") || lower.startsWith("jdbc:postgres")) {
            return PgTarget.parse(uri, env, tableName); // its message shows the PostgreSQL forms
        }
        throw new IllegalArgumentException("unsupported target '" + PgTarget.redact(uri) + "': expected " + GRAMMAR);
    }

    /** Connects to the store and creates or upgrades its dl_* schema. */
    public static MetadataStore connect(StoreTarget target) {
        if (target instanceof PgTarget pg) {
            return PostgresStore.connect(pg);
        }
        return SqliteStore.connect((SqliteTarget) target);
    }

    /**
     * Opens the store for reading only (snapshot, info, compare): no migration, nothing created. One
     * query checks the schema version: an older schema is refused with {@link SchemaOutdatedException}
     * naming the upgrade, a store without dl_* tables is "not imported" ({@link StoreException}).
     */
    public static MetadataStore openReadOnly(StoreTarget target) {
        if (target instanceof PgTarget pg) {
            return PostgresStore.openReadOnly(pg);
        }
        return SqliteStore.openReadOnly((SqliteTarget) target);
    }

    /**
     * The head of the target's table WITHOUT changing anything: no schema migration, nothing created
     * (not even a SQLite file); empty when the database, schema, file or table does not exist yet.
     * For {@code --dry-run}.
     */
    public static OptionalLong peekHead(StoreTarget target) {
        if (target instanceof PgTarget pg) {
            return PostgresStore.peekHead(pg);
        }
        return SqliteStore.peekHead((SqliteTarget) target);
    }

    /**
     * A read-only look at the target for {@code --dry-run}: connects and checks the schema as
     * {@link #connect} does, failing in the same words, but changes nothing (see {@link TargetProbe}).
     */
    public static TargetProbe probe(StoreTarget target) {
        if (target instanceof PgTarget pg) {
            return PgTargetProbe.open(pg);
        }
        return SqliteTargetProbe.open((SqliteTarget) target);
    }

    /**
     * Creates the target's database when it is missing (PostgreSQL: through the server's maintenance
     * database; SQLite: the file is created by {@link #connect} anyway). Returns a note for the user
     * when something was created, else null.
     */
    public static String createDatabaseIfMissing(StoreTarget target) {
        return target instanceof PgTarget pg ? PostgresStore.createDatabaseIfMissing(pg) : null;
    }

    /** Opens and closes one connection (no migration): whether the store can be reached, as a one-line error. */
    public static void checkReachable(StoreTarget target) {
        if (target instanceof PgTarget pg) {
            PostgresStore.checkReachable(pg);
        }
    }
}
