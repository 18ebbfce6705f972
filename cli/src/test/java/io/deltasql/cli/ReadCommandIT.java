package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.reader.RowValues;
import io.deltasql.reader.ScanRows;
import io.deltasql.testing.PgDatabase;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deltasql read} after {@code deltasql import}, as a user runs them: its JSON lines equal the
 * rows Delta Kernel reads from the table's own {@code _delta_log}, at the head, a version and a time,
 * in a PostgreSQL and a SQLite store; its options; and its errors, one line each with the exit codes
 * of the other commands.
 */
class ReadCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "dv-partitioned-with-checkpoint"; // DVs, partitions, a checkpoint, @v9
    private static PgDatabase db;
    private static String pgTarget;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void importOnce() {
        db = PgDatabase.create("cli_read");
        pgTarget = db.uri("delta", "events");
        imported(Cli.table(TABLE), pgTarget);
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static void imported(Path table, String target) {
        Cli.Result r = Cli.run("import", table.toString(), target, "--progress=none");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void jsonLinesAreKernelsRowsAtTheHeadAVersionAndATime() throws Exception {
        Cli.Result head = Cli.run("read", pgTarget, "--format", "jsonl");
        assertThat(head.exitCode()).as(head.toString()).isZero();
        assertThat(sortedLines(head.out())).isNotEmpty().isEqualTo(kernelRows(Cli.table(TABLE), null));

        Cli.Result v9 = Cli.run("read", pgTarget, "--version", "9", "--format=jsonl");
        assertThat(v9.exitCode()).as(v9.toString()).isZero();
        assertThat(sortedLines(v9.out())).isEqualTo(kernelRows(Cli.table(TABLE), 9L)).isNotEqualTo(sortedLines(head.out()));

        Cli.Result count9 = Cli.run("read", pgTarget, "--version", "9", "--count");
        Cli.Result countHead = Cli.run("read", pgTarget, "--count");
        assertThat(count9.out().trim()).isEqualTo(String.valueOf(sortedLines(v9.out()).size()));
        assertThat(countHead.out().trim()).isEqualTo(String.valueOf(sortedLines(head.out()).size()));

        Cli.Result far = Cli.run("read", pgTarget, "--timestamp", "9999-01-01T00:00:00Z", "--format=jsonl");
        assertThat(far.exitCode()).as(far.toString()).isZero();
        assertThat(sortedLines(far.out())).isEqualTo(sortedLines(head.out()));
    }

    @Test
    void aSqliteStoreReadsTheSame() {
        String target = "deltasql://sqlite/" + tmp.resolve("lake.db") + "/events";
        imported(Cli.table(TABLE), target);
        Cli.Result sqlite = Cli.run("read", target, "--format", "jsonl");
        assertThat(sqlite.exitCode()).as(sqlite.toString()).isZero();
        assertThat(sortedLines(sqlite.out())).isEqualTo(sortedLines(Cli.run("read", pgTarget, "--format", "jsonl").out()));
    }

    /** Column mapping: nested struct fields are printed by their logical names, as the top-level columns are. */
    @Test
    void nestedFieldsOfAColumnMappedTableHaveTheirLogicalNames() throws Exception {
        String target = "deltasql://sqlite/" + tmp.resolve("lake.db") + "/mapped";
        imported(Cli.table("table-with-columnmapping-mode-id"), target);
        Cli.Result jsonl = Cli.run("read", target, "--columns", "nested_struct,array_of_structs,map_of_rows", "--format", "jsonl");
        assertThat(jsonl.exitCode()).as(jsonl.toString()).isZero();
        assertThat(jsonl.out()).as(jsonl.toString()).doesNotContain("col-");
        JsonNode first = JSON.readTree(jsonl.out().lines().findFirst().orElseThrow());
        assertThat(first.get("nested_struct").properties()).extracting(e -> e.getKey()).containsExactly("aa", "ac");
        assertThat(first.get("nested_struct").get("ac").properties()).extracting(e -> e.getKey()).containsExactly("aca");
        assertThat(first.get("array_of_structs").get(0).properties()).extracting(e -> e.getKey()).containsExactly("ab");
    }

    @Test
    void columnsLimitAndFormats() throws Exception {
        Cli.Result csv = Cli.run("read", pgTarget, "--columns", "part,col1", "--limit", "3", "--format", "csv");
        assertThat(csv.exitCode()).as(csv.toString()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("part,col1");
        assertThat(lines.subList(1, 4)).allMatch(l -> l.matches("-?\\d+,-?\\d+"));

        Cli.Result jsonl = Cli.run("read", pgTarget, "--columns", "col1", "--limit", "2", "--format", "jsonl");
        assertThat(jsonl.out().lines().toList()).hasSize(2)
                .allSatisfy(l -> assertThat(JSON.readTree(l).properties()).extracting(e -> e.getKey()).containsExactly("col1"));

        Cli.Result table = Cli.run("read", pgTarget, "--columns", "part,col1", "--limit", "2");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        List<String> t = table.out().lines().toList();
        assertThat(t.get(0)).matches("part\\s+\\| col1");
        assertThat(t.get(1)).matches("-+-\\+-+");
        assertThat(t).hasSize(5).last().isEqualTo("(2 rows)");
    }

    @Test
    void errorsAreOneLineWithTheCommandsExitCodes(@TempDir Path dir) throws IOException {
        Cli.Result absent = Cli.run("read", db.uri("delta", "nothing"));
        assertThat(absent.exitCode()).as(absent.toString()).isEqualTo(ExitCodes.DATABASE);
        assertOneLine(absent, "no imported table", "deltasql import");

        Cli.Result beyond = Cli.run("read", pgTarget, "--version", "99");
        assertThat(beyond.exitCode()).as(beyond.toString()).isEqualTo(ExitCodes.DATABASE);
        assertOneLine(beyond, "has no version 99", "head is");

        Cli.Result early = Cli.run("read", pgTarget, "--timestamp", "2000-01-01");
        assertThat(early.exitCode()).as(early.toString()).isEqualTo(ExitCodes.DATABASE);
        assertOneLine(early, "has no version at or before 2000-01-01T00:00:00Z", "its first version, 0, was committed at");

        Cli.Result badTime = Cli.run("read", pgTarget, "--timestamp", "yesterday");
        assertThat(badTime.exitCode()).as(badTime.toString()).isEqualTo(ExitCodes.USAGE);
        assertOneLine(badTime, "--timestamp 'yesterday'", "epoch milliseconds");

        Cli.Result column = Cli.run("read", pgTarget, "--columns", "nope");
        assertThat(column.exitCode()).as(column.toString()).isEqualTo(ExitCodes.USAGE);
        assertOneLine(column, "no column 'nope'");

        Path copy = copyOf(Cli.table("basic-dv-no-checkpoint"), dir.resolve("copy"));
        String target = db.uri("delta", "damaged");
        imported(copy, target);
        Path dataFile;
        try (Stream<Path> files = Files.list(copy)) {
            dataFile = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.delete(dataFile);
        Cli.Result missing = Cli.run("read", target);
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.SOURCE);
        assertOneLine(missing, "data file", dataFile.getFileName().toString(), "missing from storage");
    }

    private static void assertOneLine(Cli.Result r, String... fragments) {
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("deltasql: ").contains(fragments).doesNotContain("Exception");
    }

    private static List<String> sortedLines(String out) {
        List<String> lines = new ArrayList<>(out.lines().toList());
        lines.sort(null);
        return lines;
    }

    /** The oracle: Kernel's default engine on the table's own log, each row as `read --format jsonl` prints it. */
    private static List<String> kernelRows(Path table, Long version) throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        Engine engine = DefaultEngine.create(conf);
        var builder = TableManager.loadSnapshot(table.toUri().toString());
        Snapshot snapshot = (version == null ? builder : builder.atVersion(version)).build(engine);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<Row> rows = ScanRows.of(engine, snapshot.getScanBuilder().build())) {
            while (rows.hasNext()) {
                out.add(JSON.writeValueAsString(RowValues.of(rows.next())));
            }
        }
        out.sort(null);
        return out;
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.naturalOrder())::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
