package io.deltasql.bench;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.store.schema.JsonColumns;

/**
 * The rows of the writer's limit: every action as one row of a plain table without indexes — an
 * add's typed columns plus the whole action as jsonb (STACK-VERIFIED §6) — in PostgreSQL's text COPY
 * format. {@link WriterRawCopy} sends them from the JVM; {@link CliBenchmark} writes them to a file
 * for {@code psql \copy}.
 */
final class RawCopyRows {
    private static final String TABLE_ID = "6f1f4b2a-0000-4000-8000-000000000001";

    private RawCopyRows() {
    }

    /** The plain table the rows go into. */
    static String createTable(String table) {
        return "CREATE TABLE " + table + " (table_id uuid, version bigint, ordinal int, path text, size bigint, "
                + "modification_time bigint, data_change boolean, partition_values jsonb, stats text, action jsonb)";
    }

    /** One row, newline-terminated. */
    static void append(StringBuilder b, long version, int ordinal, Action action) {
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
