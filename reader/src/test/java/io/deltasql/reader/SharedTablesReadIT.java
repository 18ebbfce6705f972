package io.deltasql.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.storage.StorageSettings;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import io.deltasql.log.DeltaLogException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared table that carries data files, on both stores: imported as {@code deltasql import}
 * does, then read through deltasql (Kernel on the store's log) — the rows must equal, as a multiset,
 * the rows Delta Kernel reads from the table's own {@code _delta_log}, at the latest version and at
 * each time-travel version of {@code expected/}; by timestamp too. No table is skipped: one Kernel
 * cannot read from its own log is listed with Kernel's reason, and that refusal is asserted.
 */
class SharedTablesReadIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    /**
     * Tables Kernel cannot read from their own log, with (a fragment of) Kernel's reason. deltasql
     * must refuse them too: at import (delta-log refuses the protocol) or at the read, for the same reason.
     */
    static final Map<String, String> KERNEL_CANNOT_READ = Map.of(
            "simple-table-features", "requires reader version 5", // invalid on purpose: an unknown reader feature
            "catalog-owned-preview", "Must provide maxCatalogVersion for catalogManaged tables", // its commits are in a catalog
            // upstream's tests fill in the DV folder: the log holds the placeholder {{FOLDER_WITH_SPECIAL_CHAR}}
            "table-with-dv-special-char", "Couldn't parse uri");

    /** Tables whose latest version has no row (every file removed, or all rows deleted). */
    static final Set<String> EMPTY = Set.of();

    private static void importAndRead(Path dir, String uri) throws IOException {
        Imports.importTable(dir, uri);
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            KernelRows.sorted(table.latest().rows());
        }
    }

    static Stream<Arguments> tables() {
        return Stream.of(StoreKind.values()).flatMap(kind -> SharedTables.withDataFiles().stream().map(n -> Arguments.of(kind, n)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tables")
    void rowsThroughDeltasqlEqualKernelsOwnRead(StoreKind kind, String name) {
        Path dir = SharedTables.table(name);
        String reason = KERNEL_CANNOT_READ.get(name);
        if (reason != null) {
            assertThatThrownBy(() -> KernelRows.fromOwnLog(dir, null)).as(name + ": Kernel's own read")
                    .hasMessageContaining(reason);
            assertThatThrownBy(() -> importAndRead(dir, STORES.uri(kind, "refused", name))).as(name + " through deltasql")
                    .satisfiesAnyOf(e -> assertThat(e).isInstanceOfSatisfying(DeltaLogException.class,
                                    d -> assertThat(d.kind()).isEqualTo(DeltaLogException.Kind.UNSUPPORTED)),
                            e -> assertThat(e).hasStackTraceContaining(reason));
            return;
        }
        List<String> expected = KernelRows.fromOwnLog(dir, null);
        assertThat(expected.isEmpty()).as(name + ": rows (Kernel)").isEqualTo(EMPTY.contains(name));
        String uri = STORES.uri(kind, "reads", name);
        long head = Imports.importTable(dir, uri);
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            TableSnapshot latest = table.latest();
            assertThat(latest.version()).isEqualTo(head);
            assertThat(KernelRows.sorted(latest.rows())).as(name + " latest").isEqualTo(expected);
            assertThat(latest.count()).isEqualTo(expected.size());
            List<String> scanFiles = KernelRows.scanFiles(latest.engine(), latest.scanBuilder().build());
            assertThat(latest.liveFiles()).as(name + " live files").hasSize(scanFiles.size());
            for (long v : SharedTables.timeTravelVersions(name)) {
                TableSnapshot at = table.at(v);
                assertThat(at.version()).isEqualTo(v);
                assertThat(KernelRows.sorted(at.rows())).as(name + "@v" + v).isEqualTo(KernelRows.fromOwnLog(dir, v));

                TableSnapshot byTime = table.atTimestamp(at.timestamp());
                assertThat(byTime.timestamp()).isEqualTo(at.timestamp());
                assertThat(KernelRows.sorted(byTime.rows())).as(name + " at " + at.timestamp())
                        .isEqualTo(KernelRows.fromOwnLog(dir, byTime.version()));
            }
        }
    }
}
