package io.deltasql.connect.sink;

import io.deltasql.store.VersionWriter;

/** Where the sink gets a writer for a table: registers the table on first use. */
public interface TableWriters extends AutoCloseable {

    /** Registers {@code table} for {@code location} if needed and opens its writer. */
    VersionWriter open(String table, String location);

    @Override
    void close();
}
