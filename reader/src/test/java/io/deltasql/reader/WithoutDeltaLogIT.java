package io.deltasql.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.deltasql.storage.StorageSettings;
import io.deltasql.store.StoreException;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proof that a read through deltasql does not touch {@code _delta_log}: a copy of a table is
 * imported, its {@code _delta_log} deleted, and the rows still equal Kernel's read of the original.
 * Then the errors a reader meets: a missing data file, a version the store does not hold, a table
 * that was never imported.
 */
class WithoutDeltaLogIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    /** Deletion vectors + column mapping + a checkpoint; a partitioned one with time travel; type widening. */
    static final List<String> TABLES = List.of("dv-with-columnmapping", "dv-partitioned-with-checkpoint", "type-widening");

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void readsSucceedAfterTheLogIsDeleted(StoreKind kind, @TempDir Path tmp) {
        for (String name : TABLES) {
            Path copy = copy(SharedTables.table(name), tmp.resolve(name));
            String uri = STORES.uri(kind, "nolog", name);
            Imports.importTable(copy, uri);
            deleteRecursively(copy.resolve("_delta_log"));
            try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
                assertThat(KernelRows.sorted(table.latest().rows())).as(name)
                        .isNotEmpty().isEqualTo(KernelRows.fromOwnLog(SharedTables.table(name), null));
                for (long v : SharedTables.timeTravelVersions(name)) {
                    assertThat(KernelRows.sorted(table.at(v).rows())).as(name + "@v" + v)
                            .isEqualTo(KernelRows.fromOwnLog(SharedTables.table(name), v));
                }
            }
            assertThat(copy.resolve("_delta_log")).doesNotExist();
        }
    }

    /** A data filter makes Kernel read the files' stats (data skipping): the same files and rows as on its own log. */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aFilteredScanReadsStatsFromTheStore(StoreKind kind) {
        String name = "dv-partitioned-with-checkpoint";
        String uri = STORES.uri(kind, "filtered", "dv_partitioned");
        Imports.importTable(SharedTables.table(name), uri);
        Predicate filter = new Predicate(">", new Column("col1"), Literal.ofInt(20));
        Engine[] own = new Engine[1];
        Snapshot kernel = KernelRows.ownSnapshot(SharedTables.table(name), null, own);
        Scan ownScan = kernel.getScanBuilder().withFilter(filter).build();
        List<String> ownFiles = KernelRows.scanFiles(own[0], ownScan);
        assertThat(ownFiles).as("Kernel skips files by their stats").hasSizeLessThan(
                KernelRows.scanFiles(own[0], kernel.getScanBuilder().build()).size());
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            TableSnapshot s = table.latest();
            assertThat(KernelRows.scanFiles(s.engine(), s.scanBuilder().withFilter(filter).build())).isEqualTo(ownFiles);
            assertThat(KernelRows.sorted(ScanRows.of(s.engine(), s.scanBuilder().withFilter(filter).build())))
                    .isEqualTo(KernelRows.sorted(ScanRows.of(own[0], kernel.getScanBuilder().withFilter(filter).build())));
        }
    }

    /**
     * A version loaded again takes Kernel's batches of its checkpoint from memory: the same files and
     * rows as the first load, per version and per read schema (a filtered scan reads stats), also
     * after a scan left unfinished and after the kept files are dropped.
     */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aVersionLoadedAgainReadsTheSameFilesAndRows(StoreKind kind) {
        String name = "dv-partitioned-with-checkpoint";
        String uri = STORES.uri(kind, "again", "dv_partitioned");
        Imports.importTable(SharedTables.table(name), uri);
        Predicate filter = new Predicate(">", new Column("col1"), Literal.ofInt(20));
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            TableSnapshot first = table.latest();
            List<String> files = KernelRows.scanFiles(first.engine(), first.scanBuilder().build());
            List<String> filtered = KernelRows.scanFiles(first.engine(), first.scanBuilder().withFilter(filter).build());
            var rows = KernelRows.sorted(first.rows());
            assertThat(filtered).hasSizeLessThan(files.size());
            for (long v : SharedTables.timeTravelVersions(name)) {
                table.at(v);
            }
            for (int round = 0; round < 3; round++) {
                if (round == 2) {
                    table.dropCachedFiles();
                }
                TableSnapshot again = table.latest();
                assertThat(KernelRows.scanFiles(again.engine(), again.scanBuilder().build())).as("round " + round).isEqualTo(files);
                assertThat(KernelRows.scanFiles(again.engine(), again.scanBuilder().withFilter(filter).build())).isEqualTo(filtered);
                assertThat(KernelRows.sorted(again.rows())).isEqualTo(rows);
                for (long v : SharedTables.timeTravelVersions(name)) {
                    assertThat(KernelRows.sorted(table.at(v).rows())).as(name + "@v" + v)
                            .isEqualTo(KernelRows.fromOwnLog(SharedTables.table(name), v));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aMissingDataFileIsNamed(StoreKind kind, @TempDir Path tmp) throws IOException {
        Path copy = copy(SharedTables.table("basic-dv-no-checkpoint"), tmp.resolve("t"));
        String uri = STORES.uri(kind, "missing", "basic_dv");
        Imports.importTable(copy, uri);
        Path dataFile;
        try (Stream<Path> files = Files.list(copy)) {
            dataFile = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.delete(dataFile);
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            assertThatThrownBy(() -> KernelRows.sorted(table.latest().rows())).isInstanceOf(ReadException.class)
                    .hasMessageContaining("data file").hasMessageContaining(dataFile.getFileName().toString())
                    .hasMessageContaining("missing from storage").hasMessageNotContaining("\n");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aVersionOutsideTheImportedRangeIsRefused(StoreKind kind) {
        String uri = STORES.uri(kind, "range", "dv_partitioned");
        long head = Imports.importTable(SharedTables.table("dv-partitioned-with-checkpoint"), uri);
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            assertThatThrownBy(() -> table.at(head + 1)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("has no version " + (head + 1)).hasMessageContaining("head is " + head);
            assertThatThrownBy(() -> table.atTimestamp(0)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("no version at or before");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aTableNeverImportedIsNamedAndNothingIsCreated(StoreKind kind) {
        List<String> before = STORES.get(kind).contents();
        assertThatThrownBy(() -> DeltaSqlTable.open(STORES.uri(kind, "absent", "nothing"), PgDatabase.env(), StorageSettings.empty()))
                .isInstanceOf(StoreException.class).hasMessageContaining("no imported table").hasMessageContaining("nothing")
                .hasMessageContaining("deltasql import");
        assertThat(STORES.get(kind).contents()).isEqualTo(before);
    }

    static Path copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
