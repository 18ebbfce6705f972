package io.deltasql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.reader.DeltaLog;
import io.deltasql.reader.engine.SqlLogEngine;
import io.deltasql.store.MetadataStore;
import io.deltasql.store.RegisteredTable;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.Stores;
import io.deltasql.store.VersionWriter;
import io.deltasql.store.write.WriterOptions;
import io.deltasql.storage.StorageSettings;
import io.deltasql.synth.SyntheticTableWriter;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import java.io.IOException;
import java.util.List;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reader that keeps a table open and loads newer versions (as an engine re-opening the latest
 * snapshot while a writer commits): each load after the first replays only the commits after the
 * version whose checkpoint read was kept, and its rows still equal Kernel's read of that version
 * from the table's own {@code _delta_log} — on every shared table with data files and more than
 * one version, both stores.
 */
class FollowingVersionsIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    /** The versions followed per table: the last ones up to the head. */
    static final int FOLLOWED = 8;

    static Stream<Arguments> tables() {
        return Stream.of(StoreKind.values()).flatMap(kind -> SharedTables.withDataFiles().stream()
                .filter(n -> !SharedTablesReadIT.KERNEL_CANNOT_READ.containsKey(n)).map(n -> Arguments.of(kind, n)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tables")
    void eachNewerVersionReplaysOnlyItsCommitsAndReadsKernelsRows(StoreKind kind, String name) {
        Path dir = SharedTables.table(name);
        String uri = STORES.uri(kind, "follow", name);
        long head = Imports.importTable(dir, uri);
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            long first = firstVersion(table, Math.max(0, head - FOLLOWED));
            TableSnapshot start = table.at(first);
            assertThat(KernelRows.sorted(start.rows())).as(name + "@v" + first).isEqualTo(KernelRows.fromOwnLog(dir, first));
            assertThat(checkpointVersion(start)).as("a first load is its own checkpoint").isEqualTo(first);
            assertThat(table.at(first).kernelSnapshot()).as("the same version again: Kernel's snapshot reused")
                    .isSameAs(start.kernelSnapshot());
            for (long v = first + 1; v <= head; v++) {
                TableSnapshot next = table.at(v);
                assertThat(checkpointVersion(next)).as(name + "@v" + v + " replays on the kept v" + first).isEqualTo(first);
                assertThat(KernelRows.sorted(next.rows())).as(name + "@v" + v).isEqualTo(KernelRows.fromOwnLog(dir, v));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void farNewerVersionsAreLoadedAfresh(StoreKind kind, @TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("t");
        long versions = StoreLogs.MAX_COMMITS_REPLAYED + 3;
        SyntheticTableWriter.builder().versions((int) versions).actionsPerVersion(3).checkpointInterval(0).partitions(2).seed(5)
                .write(dir);
        String uri = STORES.uri(kind, "far", "t");
        long head = Imports.importTable(dir, uri);
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            TableSnapshot base = table.at(1);
            assertThat(scanFiles(base)).isEqualTo(KernelRows.ownScanFiles(dir, 1));
            long nearVersion = 1 + StoreLogs.MAX_COMMITS_REPLAYED;
            TableSnapshot near = table.at(nearVersion);
            assertThat(checkpointVersion(near)).isEqualTo(1);
            assertThat(scanFiles(near)).isNotEmpty().isEqualTo(KernelRows.ownScanFiles(dir, nearVersion));
            TableSnapshot far = table.at(head);
            assertThat(head - 1).isGreaterThan(StoreLogs.MAX_COMMITS_REPLAYED);
            assertThat(checkpointVersion(far)).as("too many commits to replay: a first load").isEqualTo(head);
            assertThat(scanFiles(far)).isEqualTo(KernelRows.ownScanFiles(dir, head));

            table.dropCachedFiles();
            assertThat(checkpointVersion(table.at(head))).as("nothing kept: a first load").isEqualTo(head);
        }
    }

    private static List<String> scanFiles(TableSnapshot s) {
        return KernelRows.scanFiles(s.engine(), s.scanBuilder().build());
    }

    /**
     * The user's world: the table is open while a writer adds versions to the store (a resumed import,
     * as the Connect sink's writer does), and each {@code latest()} sees the new head, replayed on
     * what was kept, with Kernel's rows at that version.
     */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void anOpenTableFollowsVersionsWrittenAfterItOpened(StoreKind kind) {
        String name = "dv-partitioned-with-checkpoint";
        Path dir = SharedTables.table(name);
        String uri = STORES.uri(kind, "writer", name);
        try (DeltaLog log = DeltaLog.openLocal(dir.toString())) {
            long last = log.plan(0, null, false).lastVersion();
            assertThat(last).isGreaterThanOrEqualTo(3);
            importUpTo(log, uri, last - 2);
            try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
                TableSnapshot before = table.latest();
                assertThat(before.version()).isEqualTo(last - 2);
                assertThat(KernelRows.sorted(before.rows())).isEqualTo(KernelRows.fromOwnLog(dir, last - 2));
                for (long v = last - 1; v <= last; v++) {
                    importUpTo(log, uri, v); // the writer commits v while the table is open
                    TableSnapshot now = table.latest();
                    assertThat(now.version()).isEqualTo(v);
                    assertThat(checkpointVersion(now)).as("v" + v + " replays on the kept v" + (last - 2)).isEqualTo(last - 2);
                    assertThat(KernelRows.sorted(now.rows())).as(name + "@v" + v).isEqualTo(KernelRows.fromOwnLog(dir, v));
                }
            }
        }
    }

    /** Imports the versions after the store's head up to {@code upTo}, as {@code deltasql import --resume --up-to-version} does. */
    private static void importUpTo(DeltaLog log, String uri, long upTo) {
        StoreTarget target = Stores.parse(uri, PgDatabase.env(), null);
        try (MetadataStore store = Stores.connect(target)) {
            RegisteredTable table = store.register(target.table(), log.location(), false);
            try (VersionWriter writer = store.writer(table, WriterOptions.defaults())) {
                writer.applyAll(log.versions(log.plan(table.headVersion() + 1, upTo, false)));
            }
        }
    }

    /** The oldest version from {@code from} that the store holds (a table imported from a checkpoint starts there). */
    private static long firstVersion(DeltaSqlTable table, long from) {
        long head = table.headVersion();
        for (long v = from; v < head; v++) {
            try {
                table.at(v);
                table.dropCachedFiles();
                return v;
            } catch (io.deltasql.store.StoreException e) {
                // not in the store: the next one
            }
        }
        return head;
    }

    private static long checkpointVersion(TableSnapshot s) {
        return ((SqlLogEngine) s.engine()).log().checkpoint().version();
    }
}
