package io.deltasql.bench;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLog;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.VersionPlan;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import io.deltasql.store.schema.JsonColumns;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The writer's limit: the same actions, read by the same reader, sent with plain text COPY into one
 * table without indexes (typed columns of an add + the whole action as jsonb, as STACK-VERIFIED §6
 * measured), in one transaction, 4 Mi characters per COPY. No intervals, no version rows, no head.
 */
final class WriterRawCopy {
    private static final int CHUNK = 4 << 20;
    private static final String TABLE_ID = "6f1f4b2a-0000-4000-8000-000000000001";

    private WriterRawCopy() {
    }

    /** Copies every action of the plan; returns the number of rows. */
    static long copy(WriterDatabase db, String table, String location, Long upTo) throws SQLException, IOException {
        try (Connection c = db.connect(); DeltaLog log = DeltaLog.open(location)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (table_id uuid, version bigint, ordinal int, path text, size bigint, "
                        + "modification_time bigint, data_change boolean, partition_values jsonb, stats text, action jsonb)");
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
                            row(buf, b.version(), ordinal++, actions.next());
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

    private static void row(StringBuilder b, long version, int ordinal, Action action) {
        b.append(TABLE_ID).append('\t').append(version).append('\t').append(ordinal).append('\t');
        if (action instanceof AddFile a) {
            text(b, a.path());
            b.append('\t').append(a.size()).append('\t').append(a.modificationTime()).append('\t')
                    .append(Boolean.TRUE.equals(a.dataChange()) ? 't' : 'f').append('\t');
            text(b, a.partitionValues() == null ? null : JsonColumns.write(a.partitionValues()));
            b.append('\t');
            text(b, a.stats());
        } else {
            b.append("\\N\t\\N\t\\N\t\\N\t\\N\t\\N");
        }
        b.append('\t');
        text(b, ActionCodec.toJson(action));
        b.append('\n');
    }

    private static void text(StringBuilder b, String s) {
        if (s == null) {
            b.append("\\N");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
    }
}
