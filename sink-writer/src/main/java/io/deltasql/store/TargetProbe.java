package io.deltasql.store;

import java.util.List;
import java.util.Optional;

/**
 * A look at a target that changes nothing, for {@code import --dry-run}: it connects as
 * {@link Stores#connect} would (so a missing database, an unreachable host or a refused user fail in
 * the same words), runs the same schema checks a migration runs first (a {@code dl_*} name deltasql
 * did not create, no right to create the schema or its tables), and reads what the target holds of a
 * table — on a read-only connection, creating no schema, table, row or file.
 */
public interface TargetProbe extends AutoCloseable {

    /** The registered table of that name, if the store holds one (empty when it has no dl_* tables yet). */
    Optional<RegisteredTable> find(String name);

    /**
     * Throws {@link TableBusyException}, naming the writer, when an import holds the table now, as
     * {@link MetadataStore#requireNoWriter} does.
     */
    void requireNoWriter(RegisteredTable table);

    /** What a real import would create before writing its first version ("schema delta", …); empty when nothing. */
    List<String> wouldCreate();

    @Override
    void close();
}
