package io.deltasql.store.read;

import io.deltasql.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What differs between the stores in the statements they share (the snapshot and history queries):
 * how a dl_* name is qualified, how a table id is bound and read, how an error reads.
 */
public interface SqlDialect {

    /**
     * The template with {@code {s}} (the dl_* tables' schema), {@code {binary}} (code-point collation)
     * and {@code {live_files}} (the latest live files of the table bound to the one {@code ?}: the
     * table and its WHERE, the way the store reads them fastest) filled in.
     */
    String sql(String template);

    /**
     * {@link #sql} for the statements of one read that each read every live file of the table
     * {@code tableId} (bound to their one {@code ?}): a store may pick, per table and once per read,
     * the {@code {live_files}} that reads them fastest. Called inside the read's transaction, after
     * {@link #beginConsistentRead}, so what it finds holds for the statements it fills in.
     */
    default UnaryOperator<String> allLiveFiles(Connection conn, UUID tableId) throws SQLException {
        return this::sql;
    }

    /**
     * The first statement of a read transaction (autocommit is off): whatever makes its statements
     * see one state of the store. SQLite's transactions (WAL) do already.
     */
    default void beginConsistentRead(Connection conn) throws SQLException {
    }

    void bindId(PreparedStatement ps, int index, UUID id) throws SQLException;

    UUID readId(ResultSet rs, int index) throws SQLException;

    /** A one-line error naming the store and what was being done. */
    StoreException wrap(String doing, SQLException e);

    /** Where the store is, for messages ("schema delta at localhost:5432/lake", "/tmp/demo.db"). */
    String where();
}
