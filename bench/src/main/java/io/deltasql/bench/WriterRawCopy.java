package io.deltasql.bench;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import io.deltasql.storage.LogStorages;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The writer's limit: the same actions, read by the same reader, sent with plain text COPY into one
 * table without indexes ({@link RawCopyRows}), in one transaction, 4 Mi characters per COPY. No
 * intervals, no version rows, no head.
 */
final class WriterRawCopy {
    private static final int CHUNK = 4 << 20;

    private WriterRawCopy() {
    }

    /** Copies every action of the plan; returns the number of rows. */
    static long copy(WriterDatabase db, String table, String location, Long upTo) throws SQLException, IOException {
        try (Connection c = db.connect(); DeltaLog log = LogStorages.openLog(location)) {
            try (Statement s = c.createStatement()) {
                s.execute(RawCopyRows.createTable(table));
            }
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String sql = "COPY " + table + " FROM STDIN";
            StringBuilder buf = new StringBuilder(CHUNK + 65536);
            long rows = 0;
            VersionPlan plan = log.plan(0, upTo, false);
            try (CloseableIterator<VersionBatch> batches = log.versions(plan)) {
                while (batches.hasNext()) {
                    VersionBatch b = batches.next();
                    int ordinal = 0;
                    try (CloseableIterator<Action> actions = b.actions().open()) {
                        while (actions.hasNext()) {
                            RawCopyRows.append(buf, b.version(), ordinal++, actions.next());
                            rows++;
                            if (buf.length() >= CHUNK) {
                                copy.copyIn(sql, new StringReader(buf.toString()));
                                buf.setLength(0);
                            }
                        }
                    }
                }
            }
            if (buf.length() > 0) {
                copy.copyIn(sql, new StringReader(buf.toString()));
            }
            c.commit();
            return rows;
        }
    }
}
