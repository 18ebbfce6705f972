package io.deltasql.store.sqlite;

import static io.deltasql.store.Actions.add;
import static io.deltasql.store.Actions.commitInfo;
import static io.deltasql.store.Actions.metadata;
import static io.deltasql.store.Actions.protocol;
import static io.deltasql.store.Actions.remove;
import static io.deltasql.store.SharedTables.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.Origin;
import io.deltasql.log.action.Action;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.SqliteTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.read.SnapshotStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader of every live file gets them by the primary key's range when most of the table's rows are
 * live, by rowid from the live index when most were removed — and the same files either way.
 */
class SqliteLiveFilesScanIT {
    private static final String TEMPLATE = "SELECT path FROM {live_files}";

    @TempDir
    Path dir;

    @Test
    void picksTheScanByTheShareOfLiveRowsAndReadsTheSameFiles() throws Exception {
        SqliteTarget target = new SqliteTarget(dir.resolve("lake.db"), "mostly_live");
        try (MetadataStore store = Stores.connect(target)) {
            RegisteredTable mostlyLive = table(store, "mostly_live", 10, 2);
            RegisteredTable mostlyRemoved = table(store, "mostly_removed", 10, 8);
            SqliteDialect dialect = new SqliteDialect(target, true);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lake.db"))) {
                assertThat(dialect.allLiveFiles(c, mostlyLive.id()).apply(TEMPLATE)).contains("sqlite_autoindex_dl_add_files_1");
                assertThat(dialect.allLiveFiles(c, mostlyRemoved.id()).apply(TEMPLATE)).contains("rowid IN");
            }
            assertThat(livePaths(store, mostlyLive)).containsExactlyInAnyOrder("f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
            assertThat(livePaths(store, mostlyRemoved)).containsExactlyInAnyOrder("f8", "f9");
            // A streamed snapshot (snapshot, info, validation) reads its totals and files the same way.
            assertThat(streamed(store, mostlyLive)).containsExactly("8 files, 844 bytes", "f2", "f3", "f4", "f5", "f6", "f7",
                    "f8", "f9");
            assertThat(streamed(store, mostlyRemoved)).containsExactly("2 files, 217 bytes", "f8", "f9");
        }
    }

    /** A table of {@code files} adds in version 0, then the first {@code removed} of them removed in version 1. */
    private static RegisteredTable table(MetadataStore store, String name, int files, int removed) {
        RegisteredTable t = store.register(name, "file:/" + name, false);
        List<Action> v0 = new ArrayList<>(List.of(commitInfo(1000, "WRITE"), protocol(1, 2),
                metadata("{\"type\":\"struct\",\"fields\":[]}")));
        List<Action> v1 = new ArrayList<>(List.of(commitInfo(2000, "DELETE")));
        for (int i = 0; i < files; i++) {
            v0.add(add("f" + i, 100 + i));
            if (i < removed) {
                v1.add(remove("f" + i));
            }
        }
        try (VersionWriter w = store.writer(t)) {
            w.apply(batch(0, Origin.COMMIT, 1000, v0));
            w.apply(batch(1, Origin.COMMIT, 2000, v1));
        }
        return t;
    }

    /** The head's totals, then each file's path, in path order, of the streamed snapshot at the head. */
    private static List<String> streamed(MetadataStore store, RegisteredTable t) {
        List<String> lines = new ArrayList<>();
        store.queries().stream(t, SnapshotStream.At.head(), -1, new SnapshotStream() {
            @Override
            public void head(Head head) {
                lines.add(head.numFiles() + " files, " + head.totalSize() + " bytes");
            }

            @Override
            public void file(String path, long size, String dvId) {
                lines.add(path);
            }
        });
        return lines;
    }

    private static Set<String> livePaths(MetadataStore store, RegisteredTable t) {
        Set<String> paths = new HashSet<>();
        store.queries().liveFileRows(t, 1, false, row -> paths.add(row.path()));
        return paths;
    }
}
