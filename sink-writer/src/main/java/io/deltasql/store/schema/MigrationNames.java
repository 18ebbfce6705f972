package io.deltasql.store.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relation names a migration script creates and drops, read from its SQL, so the schema check
 * knows which names deltasql is about to take without a list that a new migration could forget to
 * update. Our scripts use plain {@code CREATE [UNIQUE] TABLE|INDEX|VIEW name} statements; a name in
 * double quotes is read as written, others in lower case, as PostgreSQL folds them.
 */
final class MigrationNames {
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern CREATE = Pattern.compile("(?i)\\bCREATE\\s+(OR\\s+REPLACE\\s+)?(?:UNIQUE\\s+)?"
            + "(?:UNLOGGED\\s+)?(TABLE|INDEX|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE)\\s+(?:CONCURRENTLY\\s+)?"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME);
    private static final Pattern DROP = Pattern.compile("(?i)\\bDROP\\s+(?:TABLE|INDEX|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE)\\s+"
            + "(?:CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME);

    /**
     * One statement's effect on a name, in script order; {@code replaces}: {@code CREATE OR REPLACE}
     * (a view an earlier migration created, redefined in place so that views users built on it stay).
     */
    record Change(String name, boolean created, boolean table, boolean replaces) {
        Change(String name, boolean created, boolean table) {
            this(name, created, table, false);
        }
    }

    private MigrationNames() {
    }

    static List<Change> changes(String sql) {
        String text = stripComments(sql);
        List<Change> out = new ArrayList<>();
        // One pass over both patterns in script order: a DROP then CREATE of one name (V2) frees it first.
        Matcher create = CREATE.matcher(text);
        Matcher drop = DROP.matcher(text);
        int at = 0;
        while (true) {
            boolean c = create.find(at);
            int cStart = c ? create.start() : Integer.MAX_VALUE;
            boolean d = drop.find(at);
            int dStart = d ? drop.start() : Integer.MAX_VALUE;
            if (!c && !d) {
                return out;
            }
            if (cStart < dStart) {
                out.add(new Change(name(create.group(3)), true, create.group(2).equalsIgnoreCase("TABLE"), create.group(1) != null));
                at = create.end();
            } else {
                out.add(new Change(name(drop.group(1)), false, false));
                at = drop.end();
            }
        }
    }

    private static String name(String raw) {
        if (raw.startsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    private static String stripComments(String sql) {
        return sql.replaceAll("--[^\\n]*", " ");
    }
}
