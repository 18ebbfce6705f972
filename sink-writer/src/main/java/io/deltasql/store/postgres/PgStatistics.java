package io.deltasql.store.postgres;

import io.deltasql.store.schema.SqlNames;
import io.deltasql.store.write.ActionColumns.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dl_* tables a writer filled since it last had them analysed, and the ANALYZE that gives the
 * planner their statistics. Without it, a table bulk-loaded by an import keeps the statistics of
 * before (often none) until autovacuum comes round: issue #18 measured the snapshot query of a
 * 200k-file table sorting on disk because the planner never knew the table's size. The writer
 * analyses after a checkpoint base is committed (the whole state in one version) and when it closes
 * after loading a table ({@link #ROWS_AT_CLOSE}); ANALYZE reads a fixed sample, so it costs at most
 * a second or so whatever the table's size. A user who does not own the tables gets a warning from
 * PostgreSQL, not an error.
 */
final class PgStatistics {
    /** At close, a table with fewer new rows is left to autovacuum: ANALYZE's fixed cost would dominate. */
    static final long ROWS_AT_CLOSE = 1_000;

    private static final String VERSIONS_TABLE = "dl_table_versions";
    /**
     * The columns the queries filter, join and sort the file tables by: ANALYZE of these alone still
     * counts the table's rows and pages (what the plans need), and skips the per-column statistics of
     * the wide JSON and text columns (stats, partition values, paths), which no query's plan uses
     * and which cost most of the time: on a 10,000-version import 0.61 → 0.21 s for dl_add_files,
     * 0.29 → 0.05 s for dl_remove_files (docs/performance.md, "The import's close").
     */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            Table.ADD_FILES.name, List.of("table_id", "added_version", "ordinal", "removed_version", "dv_id"),
            Table.REMOVE_FILES.name, List.of("table_id", "version", "ordinal"));
    /** Per action type in {@code OpenVersion.typeCounts()} order: the dl_* table its rows go to. */
    private static final Table[] BY_TYPE = {Table.ADD_FILES, Table.REMOVE_FILES, Table.METADATA, Table.PROTOCOL,
        Table.TXN, Table.COMMIT_INFO, Table.CDC, Table.DOMAIN, Table.OTHER};

    private final SqlNames names;
    private final Map<String, Long> rowsSinceAnalyze = new LinkedHashMap<>();

    PgStatistics(SqlNames names) {
        this.names = names;
    }

    /** A version was written: its actions by type ({@code OpenVersion.typeCounts()}), plus its dl_table_versions row. */
    void versionWritten(long[] typeCounts) {
        rowsSinceAnalyze.merge(VERSIONS_TABLE, 1L, Long::sum);
        for (int i = 0; i < BY_TYPE.length && i < typeCounts.length; i++) {
            if (typeCounts[i] > 0) {
                rowsSinceAnalyze.merge(BY_TYPE[i].name, typeCounts[i], Long::sum);
            }
        }
        if (typeCounts.length > 1 && typeCounts[1] > 0) {
            // A remove ends a live add: the settle of its end rewrites that dl_add_files row.
            rowsSinceAnalyze.merge(Table.ADD_FILES.name, typeCounts[1], Long::sum);
        }
    }

    /** The tables with at least {@code minRows} new rows, forgotten here: the caller analyses them. */
    List<String> takeDue(long minRows) {
        List<String> due = new ArrayList<>();
        rowsSinceAnalyze.entrySet().removeIf(e -> {
            if (e.getValue() >= minRows) {
                due.add(e.getKey());
                return true;
            }
            return false;
        });
        return due;
    }

    /** One ANALYZE of {@code tables} (names from {@link #takeDue}; the file tables' {@link #COLUMNS} only); nothing when empty. */
    void analyze(Connection conn, List<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        List<String> qualified = new ArrayList<>();
        for (String t : tables) {
            List<String> columns = COLUMNS.get(t);
            qualified.add(names.sql("{s}." + SqlNames.quote(t))
                    + (columns == null ? "" : " (" + String.join(", ", columns) + ")"));
        }
        try (Statement s = conn.createStatement()) {
            s.execute("ANALYZE " + String.join(", ", qualified));
        }
    }
}
