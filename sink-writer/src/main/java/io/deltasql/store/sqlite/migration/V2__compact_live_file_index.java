package io.deltasql.store.sqlite.migration;

import io.deltasql.store.sqlite.LiveKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * SQLite schema V2: the live-file index keyed by a 64-bit hash of the file ({@link LiveKey}) instead
 * of its whole path. V1's {@code dl_add_files_live (table_id, COALESCE(path_key, path), dv_id)}
 * repeated every live path in a second B-tree; at a million live files that index outgrew the
 * writer's page cache and each add and remove became random page reads and writes. The writer now
 * probes {@code (table_id, live_key)} and compares the path in the row.
 *
 * <p>In Java because SQLite has no hash function to fill {@code live_key} of the rows already there
 * (every row gets one, live or not, so the invariant is simply "every dl_add_files row has its key").
 * The index keeps its name: the snapshot queries name it ({@code INDEXED BY dl_add_files_live}) for
 * its WHERE, which is unchanged.
 */
public class V2__compact_live_file_index extends BaseJavaMigration {
    private static final int CHUNK = 10_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX dl_add_files_live");
            s.execute("ALTER TABLE dl_add_files ADD COLUMN live_key INTEGER");
        }
        try (PreparedStatement read = c.prepareStatement("SELECT rowid, COALESCE(path_key, path), dv_id FROM dl_add_files "
                + "WHERE rowid > ? ORDER BY rowid LIMIT " + CHUNK);
             PreparedStatement write = c.prepareStatement("UPDATE dl_add_files SET live_key = ? WHERE rowid = ?")) {
            long after = Long.MIN_VALUE;
            while (true) {
                int n = 0;
                read.setLong(1, after);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        write.setLong(1, LiveKey.of(rs.getString(2), rs.getString(3)));
                        write.setLong(2, after);
                        write.addBatch();
                        n++;
                    }
                }
                if (n == 0) {
                    break;
                }
                write.executeBatch();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX dl_add_files_live ON dl_add_files (table_id, live_key) WHERE removed_version IS NULL");
        }
    }
}
