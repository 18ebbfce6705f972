package io.deltasql.reader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.DeletionVector;
import io.deltasql.store.read.LiveFileRow;
import io.deltasql.store.schema.JsonColumns;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Live files built into Kernel's batches from the store's rows hold exactly what Kernel's own parseJson
 * makes of their log lines: common rows from their fields, rare rows from their records, adds with
 * untyped fields through their lines; batches hold at most {@link ActionBatches#BATCH_ROWS} files.
 */
class FileColumnsTest {
    private static final StructType READ_SCHEMA = new StructType()
            .add("add", io.delta.kernel.internal.actions.AddFile.FULL_SCHEMA)
            .add("remove", io.delta.kernel.internal.actions.RemoveFile.FULL_SCHEMA);
    private final JsonHandler json = DefaultEngine.create(new Configuration()).getJsonHandler();

    /** A row as the store would give it: common unless it has a rare field or lacks a number. */
    private record Row(AddFile add) implements LiveFileRow {
        @Override
        public boolean rare() {
            return add.tags() != null || add.deletionVector() != null || add.baseRowId() != null
                    || add.defaultRowCommitVersion() != null || add.clusteringProvider() != null || add.extra() != null
                    || add.size() == null || add.modificationTime() == null || add.dataChange() == null;
        }

        @Override
        public String path() {
            return add.path();
        }

        @Override
        public boolean partitionValues(JsonColumns.Entries out) {
            String text = JsonColumns.write(add.partitionValues());
            if (text == null) {
                return false;
            }
            JsonColumns.entries(text, out);
            return true;
        }

        @Override
        public long size() {
            return add.size();
        }

        @Override
        public long modificationTime() {
            return add.modificationTime();
        }

        @Override
        public boolean dataChange() {
            return add.dataChange();
        }

        @Override
        public String stats() {
            return add.stats();
        }
    }

    private static AddFile add(int i) {
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put("d", "2024-01-0" + (i % 9));
        partition.put("n", i % 3 == 0 ? null : "x\"" + i);
        DeletionVector dv = new DeletionVector("u", "ab^-aqEH.-t@S}K{vb[*k^", 1, 34, 2L, null, null);
        return switch (i % 10) {
            case 1 -> new AddFile("f" + i, partition, 1L, 2L, true, null, Map.of("k", "v"), dv, 5L, 6L, "liquid", null);
            case 2 -> new AddFile("f" + i, Map.of(), 1L, 2L, false, "{\"numRecords\":1}", null, null, null, null, null,
                    JsonNodeFactory.instance.objectNode().put("futureField", "y"));
            case 3 -> new AddFile("f" + i, Map.of(), 1L, 2L, true, null, null, null, null, 7L, null, null);
            default -> new AddFile("p=" + i + "/f" + i + ".parquet", partition, (long) i, 1_700_000_000_000L + i, i % 2 == 0,
                    "{\"numRecords\":" + i + "}", null, null, null, null, null, null);
        };
    }

    @Test
    void batchesHoldWhatParseJsonMakesOfTheLines() {
        int files = ActionBatches.BATCH_ROWS * 2 + 15;
        FileColumns columns = FileColumns.of(READ_SCHEMA, json);
        assertThat(columns.stats()).isTrue();
        List<FileBatch> batches = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            AddFile a = add(i);
            columns.add(new Row(a), batches::add);
            lines.add(ActionCodec.toJson(a));
        }
        columns.end(batches::add);

        ColumnarBatch expected = json.parseJson(new JsonLineVector(lines), READ_SCHEMA, Optional.empty());
        int row = 0;
        for (FileBatch b : batches) {
            assertThat(b.batch().getSize()).isBetween(1, ActionBatches.BATCH_ROWS);
            assertThat(b.bytes()).isPositive();
            for (int r = 0; r < b.batch().getSize(); r++, row++) {
                for (int c = 0; c < READ_SCHEMA.length(); c++) {
                    assertThat(value(b.batch().getColumnVector(c), r)).as("file %d, column %d", row, c)
                            .isEqualTo(value(expected.getColumnVector(c), row));
                }
            }
        }
        assertThat(row).isEqualTo(files);
    }

    @Test
    void aReadSchemaWithoutStatsSaysSo() {
        StructType withoutStats = new StructType().add("add", io.delta.kernel.internal.actions.AddFile.SCHEMA_WITHOUT_STATS);
        assertThat(FileColumns.of(withoutStats, json).stats()).isFalse();
    }

    /** A vector's value at a row as plain Java values: structs as lists, maps as maps. */
    private static Object value(ColumnVector v, int row) {
        if (v.isNullAt(row)) {
            return null;
        }
        DataType t = v.getDataType();
        if (t instanceof StringType) {
            return v.getString(row);
        } else if (t instanceof LongType) {
            return v.getLong(row);
        } else if (t instanceof IntegerType) {
            return v.getInt(row);
        } else if (t instanceof BooleanType) {
            return v.getBoolean(row);
        } else if (t instanceof MapType) {
            var m = v.getMap(row);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < m.getSize(); i++) {
                out.put(value(m.getKeys(), i), value(m.getValues(), i));
            }
            return out;
        } else if (t instanceof ArrayType) {
            var a = v.getArray(row);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < a.getSize(); i++) {
                out.add(value(a.getElements(), i));
            }
            return out;
        } else if (t instanceof StructType s) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < s.length(); i++) {
                out.add(value(v.getChild(i), row));
            }
            return out;
        }
        throw new IllegalArgumentException("no value for " + t);
    }
}
