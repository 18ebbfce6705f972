package io.deltasql.synth;

import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.Field;
import io.deltasql.log.action.FieldTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes a classic {@code v.checkpoint.parquet} in the layout Delta on Spark writes (one top-level
 * struct per action type, one non-null struct per row), row by row, so a checkpoint of millions of
 * files needs memory for one row group only. The schema and every row are made from the actions'
 * {@link FieldTable}s: a field added to the model is written without a change here.
 */
public final class ClassicCheckpointWriter implements AutoCloseable {
    /** The action types of a classic checkpoint, in the column order of Delta on Spark. */
    private static final List<ActionType> ACTIONS = List.of(ActionType.TXN, ActionType.ADD, ActionType.REMOVE,
            ActionType.METADATA, ActionType.PROTOCOL, ActionType.DOMAIN_METADATA);
    /** Fields Delta on Spark leaves out of a checkpoint (a tombstone keeps no stats or tags). */
    private static final Map<ActionType, Set<String>> LEFT_OUT = Map.of(ActionType.REMOVE, Set.of("stats", "tags"));

    /** The checkpoint schema of Delta 3.x on Spark with JSON stats (as in the shared real tables). */
    public static final MessageType SCHEMA = schema();

    private final SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
    private final ParquetWriter<Group> writer;
    private long rowCount;
    private long addCount;

    public ClassicCheckpointWriter(Path file, long rowGroupBytes) throws IOException {
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(SCHEMA)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    /** Writes one action as one row; only the checkpoint's action types are accepted. */
    public void write(Action action) throws IOException {
        if (!ACTIONS.contains(action.type())) {
            throw new IllegalArgumentException("a classic checkpoint holds no " + action.type() + " action");
        }
        Group row = rows.newGroup();
        fill(row.addGroup(action.type().key()), FieldTable.of(action.type()), action);
        writer.write(row);
        rowCount++;
        if (action.type() == ActionType.ADD) {
            addCount++;
        }
    }

    public long rowCount() {
        return rowCount;
    }

    public long addCount() {
        return addCount;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** Every non-null field of {@code value} the group's schema has (a checkpoint keeps no extra). */
    @SuppressWarnings("unchecked")
    private static <T> void fill(Group g, FieldTable<T> table, Object value) {
        T record = table.cast(value);
        GroupType type = g.getType();
        for (Field<T> field : table.fields()) {
            Object v = field.get(record);
            String name = field.name();
            if (v == null || !type.containsField(name)) {
                continue;
            }
            switch (field.type()) {
                case STRING -> g.append(name, (String) v);
                case LONG, EPOCH_MILLIS -> g.append(name, (Long) v);
                case INT -> g.append(name, (Integer) v);
                case BOOLEAN -> g.append(name, (Boolean) v);
                case STRING_MAP -> map(g.addGroup(name), (Map<String, String>) v);
                case STRING_LIST -> list(g.addGroup(name), (List<String>) v);
                case STRUCT -> fill(g.addGroup(name), field.struct(), v);
            }
        }
    }

    private static void map(Group m, Map<String, String> map) {
        for (Map.Entry<String, String> e : map.entrySet()) {
            Group kv = m.addGroup("key_value");
            kv.append("key", e.getKey());
            if (e.getValue() != null) {
                kv.append("value", e.getValue());
            }
        }
    }

    private static void list(Group l, List<String> list) {
        for (String item : list) {
            Group element = l.addGroup("list");
            if (item != null) {
                element.append("element", item);
            }
        }
    }

    private static MessageType schema() {
        List<Type> columns = new ArrayList<>();
        for (ActionType a : ACTIONS) {
            columns.add(struct(a.key(), FieldTable.of(a), LEFT_OUT.getOrDefault(a, Set.of())));
        }
        return new MessageType("spark_schema", columns);
    }

    private static GroupType struct(String name, FieldTable<?> table, Set<String> leftOut) {
        List<Type> fields = new ArrayList<>();
        for (Field<?> f : table.fields()) {
            if (!leftOut.contains(f.name())) {
                fields.add(column(f));
            }
        }
        return new GroupType(Type.Repetition.OPTIONAL, name, fields);
    }

    /** The Parquet column Spark writes for a field (strings as STRING-annotated BINARY, three-level LIST, MAP). */
    private static Type column(Field<?> f) {
        String name = f.name();
        return switch (f.type()) {
            case STRING -> string(Type.Repetition.OPTIONAL, name);
            case LONG, EPOCH_MILLIS -> Types.optional(PrimitiveTypeName.INT64).named(name);
            case INT -> Types.optional(PrimitiveTypeName.INT32).named(name);
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(name);
            case STRING_MAP -> Types.optionalGroup().as(LogicalTypeAnnotation.mapType())
                    .addField(Types.repeatedGroup().addField(string(Type.Repetition.REQUIRED, "key"))
                            .addField(string(Type.Repetition.OPTIONAL, "value")).named("key_value"))
                    .named(name);
            case STRING_LIST -> Types.optionalGroup().as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(string(Type.Repetition.OPTIONAL, "element")).named("list"))
                    .named(name);
            case STRUCT -> struct(name, f.struct(), Set.of());
        };
    }

    private static Type string(Type.Repetition repetition, String name) {
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
    }
}
