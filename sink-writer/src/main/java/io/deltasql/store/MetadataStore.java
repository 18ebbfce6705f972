package io.deltasql.store;

import io.deltasql.store.read.SnapshotQueries;
import io.deltasql.store.write.WriterOptions;
import java.util.Optional;

/**
 * The one door to the dl_* tables: every statement against them is behind this contract, whichever
 * store holds them (PostgreSQL: {@code io.deltasql.store.postgres}; SQLite:
 * {@code io.deltasql.store.sqlite}). {@link Stores#connect} opens the one a target names; the CLI,
 * the Connect sink and the validator see only this.
 *
 * <p>A store creates or upgrades its dl_* schema when connected ({@link Stores#connect}; opened with
 * {@link Stores#openReadOnly} it changes nothing and its write methods refuse), registers Delta tables, records
 * import provenance, hands out one {@link VersionWriter} per table, and reads snapshots, history and
 * the actions of a version back ({@link #queries()}).
 */
public interface MetadataStore extends AutoCloseable {

    /** Where this store is. */
    StoreTarget target();

    /**
     * Registers {@code name} for the Delta table at {@code location}. The same name and location
     * again returns the existing registration (so imports resume, and a first import that committed
     * no version starts again). Another location under an existing name is refused unless
     * {@code force} or the table holds no committed version yet: then the old registration's rows go
     * and the name is registered afresh, under the same table id. Replacing is refused
     * ({@link TableBusyException}, naming the writer) while another writer has the table.
     */
    RegisteredTable register(String name, String location, boolean force);

    /**
     * Throws {@link TableBusyException}, naming the writer, when a writer has {@code table} now (an
     * import still running; in SQLite: any writer of the file); returns otherwise. Changes nothing.
     */
    void requireNoWriter(RegisteredTable table);

    Optional<RegisteredTable> find(String name);

    /** The registered table, or a one-line error saying where the store looked. */
    default RegisteredTable require(String name) {
        return find(name).orElseThrow(() -> new StoreException("no imported table '" + name + "' in "
                + target().withTable(null).describe() + ": run 'deltasql import' first"));
    }

    /** Deletes the table and every row of it. Returns whether it existed. */
    boolean delete(String name);

    /** Provenance: an import of {@code table} in {@code mode} (e.g. full, checkpoint-only, resume, connect) starts. */
    void importStarted(RegisteredTable table, String mode, String toolVersion);

    /** Provenance: the import finished; {@code lastImportedVersion} is the head it reached. */
    void importFinished(RegisteredTable table, long lastImportedVersion);

    /** Where the table's versions came from and what the log lacked. */
    TableProvenance provenance(RegisteredTable table);

    /** A writer with one transaction per version. Throws {@link TableBusyException} when another writer holds the table. */
    default VersionWriter writer(RegisteredTable table) {
        return writer(table, WriterOptions.defaults().perVersion());
    }

    /** A writer batching as {@code options} say (group commit: several whole versions per transaction). */
    VersionWriter writer(RegisteredTable table, WriterOptions options);

    /** Snapshots at a version or time, history, and the actions of a version. */
    SnapshotQueries queries();

    @Override
    void close();
}
