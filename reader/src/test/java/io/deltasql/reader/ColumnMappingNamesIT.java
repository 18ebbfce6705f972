package io.deltasql.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.storage.StorageSettings;
import io.deltasql.testing.PgDatabase;
import io.deltasql.testing.StoreKind;
import io.deltasql.testing.TestStores;
import io.delta.kernel.data.Row;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under column mapping a data file names its columns by physical names ({@code col-…}), and
 * Kernel's scan renames only the top-level columns: a nested struct's fields keep them. The values
 * deltasql gives ({@link RowValues}, so {@code deltasql read}) name every struct field, at any depth
 * (in arrays, maps, structs), by its logical name — on every shared table with column mapping.
 */
class ColumnMappingNamesIT {
    @RegisterExtension
    static final TestStores STORES = new TestStores();

    static Stream<Arguments> tables() {
        return Stream.of(StoreKind.values()).flatMap(kind -> Stream.of("table-with-columnmapping-mode-id", "dv-with-columnmapping",
                "table-with-partitioning-mapping").map(name -> Arguments.of(kind, name)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("tables")
    void everyStructFieldHasItsLogicalName(StoreKind kind, String name) throws IOException {
        String uri = STORES.uri(kind, "mapping", name);
        Imports.importTable(SharedTables.table(name), uri);
        try (DeltaSqlTable table = DeltaSqlTable.open(uri, PgDatabase.env(), StorageSettings.empty())) {
            TableSnapshot latest = table.latest();
            Set<String> logical = new HashSet<>();
            Set<String> physical = new HashSet<>();
            names(latest.schema(), logical, physical);
            assertThat(physical).as(name + ": a table with column mapping").isNotEmpty();
            Set<String> keys = new HashSet<>();
            int rows = 0;
            try (CloseableIterator<Row> it = latest.rows()) {
                while (it.hasNext()) {
                    fieldNames(RowValues.of(it.next()), keys);
                    rows++;
                }
            }
            assertThat(rows).isPositive();
            assertThat(keys).as(name + ": struct field names in the values").isNotEmpty().doesNotContainAnyElementsOf(physical);
            assertThat(logical).as(name + ": logical names").containsAll(keys);
            if (name.equals("table-with-columnmapping-mode-id")) {
                assertThat(keys).as("nested in structs, arrays and maps").contains("aa", "ac", "aca", "ab");
            }
        }
    }

    /** Every field name of {@code type}, at any depth, and each physical name its column mapping gives that differs from it. */
    private static void names(DataType type, Set<String> logical, Set<String> physical) {
        if (type instanceof StructType s) {
            for (int i = 0; i < s.length(); i++) {
                logical.add(s.at(i).getName());
                Object p = s.at(i).getMetadata().get("delta.columnMapping.physicalName");
                if (p != null && !p.toString().equals(s.at(i).getName())) {
                    physical.add(p.toString()); // name mode keeps a column's first name as its physical one
                }
                names(s.at(i).getDataType(), logical, physical);
            }
        } else if (type instanceof ArrayType a) {
            names(a.getElementType(), logical, physical);
        } else if (type instanceof MapType m) {
            names(m.getKeyType(), logical, physical);
            names(m.getValueType(), logical, physical);
        }
    }

    /** The names of the structs' fields in a value of RowValues (structs are maps with String keys; a map's keys are data). */
    private static void fieldNames(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() instanceof String k && k.startsWith("col-")) {
                    out.add(k); // a physical name where a field name belongs: caught by the assertion
                } else if (e.getKey() instanceof String k && !k.isEmpty() && !Character.isDigit(k.charAt(0)) && !k.startsWith("[")) {
                    out.add(k);
                }
                fieldNames(e.getValue(), out);
            }
        } else if (value instanceof List<?> l) {
            new ArrayList<>(l).forEach(v -> fieldNames(v, out));
        }
    }
}
