package io.deltasql.store.read;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Field;
import io.deltasql.store.schema.JsonColumns;
import io.deltasql.store.write.ActionColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link LiveFileRow} over the current row of a result set of {@link #COLUMNS}, read by column
 * index: the add's fields in the order of {@link AddFile#FIELDS}, {@code extra}, then {@code rare}:
 * 1 when a column other than the common ones has a value, or when size, modification time or data
 * change is null — so a common row's numbers are read without a {@code wasNull} (a native call per
 * column in SQLite's driver). A failure of the result set is thrown as {@link Failure}, for the query
 * to report it the store's way.
 */
final class ResultSetFileRow implements LiveFileRow {
    /** The fields nearly every add has; the others are rare (and so is {@code extra}). */
    private static final Set<String> COMMON = Set.of("path", "partitionValues", "size", "modificationTime", "dataChange", "stats");
    /** Common fields every add has in practice: a row without one of them is rare too. */
    private static final Set<String> PRESENT = Set.of("size", "modificationTime", "dataChange");
    static final String COLUMNS = columns();
    static final String COLUMNS_WITHOUT_STATS = COLUMNS.replaceAll("\\bstats\\b", "NULL AS stats");
    private static final int PATH = column("path");
    private static final int PARTITION_VALUES = column("partitionValues");
    private static final int SIZE = column("size");
    private static final int MODIFICATION_TIME = column("modificationTime");
    private static final int DATA_CHANGE = column("dataChange");
    private static final int STATS = column("stats");
    private static final int RARE = AddFile.FIELDS.size() + 2;

    /** An SQLException of the result set, unchecked through the sink. */
    static final class Failure extends RuntimeException {
        Failure(SQLException e) {
            super(e);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** Distinct partition-value texts remembered per query: a table's files share a few partitions each. */
    static final int PARTITIONS_REMEMBERED = 4096;
    private static final String[] NO_ENTRIES = new String[0];

    private final ResultSet rs;
    /** Each partition-value text seen so far, as its entries (key, value, key, value…): parsed once per query. */
    private final Map<String, String[]> partitions = new HashMap<>();

    ResultSetFileRow(ResultSet rs) {
        this.rs = rs;
    }

    private static String columns() {
        List<String> all = new ArrayList<>();
        List<String> rare = new ArrayList<>();
        for (Field<AddFile> f : AddFile.FIELDS.fields()) {
            String column = ActionColumns.columnOf(AddFile.FIELDS, f);
            all.add(column);
            if (!COMMON.contains(f.name())) {
                rare.add(column + " IS NOT NULL");
            } else if (PRESENT.contains(f.name())) {
                rare.add(column + " IS NULL");
            }
        }
        all.add("extra");
        rare.add("extra IS NOT NULL");
        all.add("CASE WHEN " + String.join(" OR ", rare) + " THEN 1 ELSE 0 END AS rare");
        return String.join(", ", all);
    }

    private static int column(String field) {
        return AddFile.FIELDS.indexOf(field) + 1;
    }

    @Override
    public boolean rare() {
        try {
            return rs.getInt(RARE) != 0;
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    @Override
    public String path() {
        return string(PATH);
    }

    @Override
    public boolean partitionValues(JsonColumns.Entries out) {
        String json = string(PARTITION_VALUES);
        if (json == null) {
            return false;
        }
        String[] entries = partitions.get(json);
        if (entries == null) {
            entries = parse(json);
            if (partitions.size() < PARTITIONS_REMEMBERED) {
                partitions.put(json, entries);
            }
        }
        for (int i = 0; i < entries.length; i += 2) {
            out.entry(entries[i], entries[i + 1]);
        }
        return true;
    }

    private static String[] parse(String json) {
        List<String> entries = new ArrayList<>(4);
        JsonColumns.entries(json, new JsonColumns.Entries() {
            @Override
            public void entry(String key, String value) {
                entries.add(key);
                entries.add(value);
            }

            @Override
            public void restart() {
                entries.clear();
            }
        });
        return entries.isEmpty() ? NO_ENTRIES : entries.toArray(NO_ENTRIES);
    }

    @Override
    public long size() {
        return lng(SIZE);
    }

    @Override
    public long modificationTime() {
        return lng(MODIFICATION_TIME);
    }

    @Override
    public boolean dataChange() {
        try {
            return rs.getBoolean(DATA_CHANGE);
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    @Override
    public String stats() {
        return string(STATS);
    }

    @Override
    public AddFile add() {
        try {
            return ActionRowReader.add(rs);
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    private String string(int column) {
        try {
            return rs.getString(column);
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    private long lng(int column) {
        try {
            return rs.getLong(column);
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }
}
