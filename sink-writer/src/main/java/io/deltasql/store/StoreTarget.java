package io.deltasql.store;

/**
 * Where a store is and which name the Delta table has in it: a PostgreSQL schema
 * ({@link PgTarget}) or a SQLite file ({@link SqliteTarget}). {@link Stores#parse} reads either from
 * a target URI; {@link Stores#connect} opens the store it names.
 */
public sealed interface StoreTarget permits PgTarget, SqliteTarget {

    /** The Delta table's name in dl_tables; null when neither the URI nor the caller gave one. */
    String table();

    /** This target with {@code name} as the table. */
    StoreTarget withTable(String name);

    /** The table as users name it in messages: {@code schema.name} in PostgreSQL, {@code name} in SQLite. */
    String tableLabel();

    /** A one-line description for logs and output; never a password. */
    String describe();

    /** The target as a {@code deltasql://} URI without credentials (to show in "next:" hints). */
    String uri();
}
