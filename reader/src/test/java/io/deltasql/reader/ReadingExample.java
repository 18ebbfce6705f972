package io.deltasql.reader;

import io.delta.kernel.Scan;
import io.delta.kernel.data.Row;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The Java example of docs/reading.md, compiled and run by {@link ReadingExampleIT}; the test also
 * checks that the document shows exactly the code between the markers below.
 */
final class ReadingExample {
    private ReadingExample() {
    }

    // docs/reading.md:start
    static long printTable(String uri, PrintStream out) throws IOException {
        try (DeltaSqlTable table = DeltaSqlTables.open(uri)) {
            TableSnapshot snapshot = table.latest(); // or table.at(12), table.atTimestamp(epochMillis)
            out.println("version " + snapshot.version() + ", " + snapshot.liveFiles().size() + " files");
            out.println("schema " + snapshot.schema() + ", properties " + snapshot.properties());

            long rows = 0;
            try (CloseableIterator<Row> it = snapshot.rows(List.of("part", "col1"))) {
                while (it.hasNext()) {
                    out.println(RowValues.of(it.next())); // {part=1, col1=11}
                    rows++;
                }
            }

            // Kernel's own Scan (filters, read schema), run with the snapshot's engine.
            Predicate partOne = new Predicate("=", new Column("part"), Literal.ofInt(1));
            Scan scan = snapshot.scanBuilder().withFilter(partOne).build();
            try (CloseableIterator<Row> it = ScanRows.of(snapshot.engine(), scan)) {
                while (it.hasNext()) {
                    out.println(RowValues.of(it.next()).get("col1"));
                }
            }
            return rows;
        }
    }
    // docs/reading.md:end
}
