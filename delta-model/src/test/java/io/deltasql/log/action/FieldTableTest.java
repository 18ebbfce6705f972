package io.deltasql.log.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each action's field table is the one list of its fields: it names every component of the record
 * (so no field can be forgotten by the codec, the checkpoint reader or writer), and its constructor
 * puts each value where the accessor reads it back.
 */
class FieldTableTest {

    /** A value of the field's type that no other field of the same record gets. */
    private static Object sample(Field<?> field, int i) {
        return switch (field.type()) {
            case STRING -> "s" + i;
            case LONG, EPOCH_MILLIS -> 1000L + i;
            case INT -> 10 + i;
            case BOOLEAN -> i % 2 == 0;
            case STRING_MAP -> Map.of("k" + i, "v" + i);
            case STRING_LIST -> List.of("e" + i);
            case STRUCT -> {
                FieldTable<?> t = field.struct();
                yield t.create(samples(t), t.hasExtra() ? extra("inner" + i) : null);
            }
        };
    }

    private static Object[] samples(FieldTable<?> table) {
        Object[] values = new Object[table.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = sample(table.field(i), i);
        }
        return values;
    }

    private static ObjectNode extra(String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put(name, true);
        return o;
    }

    @ParameterizedTest
    @EnumSource(value = ActionType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyValueComesBackThroughItsAccessor(ActionType type) {
        roundTrip(FieldTable.of(type));
    }

    @Test
    void nestedStructsRoundTripToo() {
        roundTrip(DeletionVector.FIELDS);
        roundTrip(Metadata.Format.FIELDS);
    }

    private static <T> void roundTrip(FieldTable<T> table) {
        Object[] values = samples(table);
        T record = table.create(values, table.hasExtra() ? extra("future") : null);
        for (int i = 0; i < values.length; i++) {
            assertThat(table.field(i).get(record)).as(table.name() + "." + table.field(i).name()).isEqualTo(values[i]);
        }
        assertThat(table.extraOf(record)).isEqualTo(table.hasExtra() ? extra("future") : null);
        assertThat(table.indexOf(table.field(values.length - 1).name())).isEqualTo(values.length - 1);
        assertThat(table.indexOf("noSuchField")).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(value = ActionType.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void theTableCoversEveryComponentOfTheRecord(ActionType type) {
        FieldTable<? extends Action> table = FieldTable.of(type);
        assertThat(table.name()).isEqualTo(type.key());
        List<String> components = new ArrayList<>();
        for (RecordComponent c : table.recordType().getRecordComponents()) {
            components.add(c.getName());
        }
        List<String> covered = new ArrayList<>(table.fields().stream().map(Field::name).toList());
        if (type == ActionType.METADATA) { // format is one struct in the log, two components in the record
            covered.remove("format");
            covered.addAll(List.of("formatProvider", "formatOptions"));
        }
        covered.add("extra");
        assertThat(covered).containsExactlyInAnyOrderElementsOf(components);
    }

    @Test
    void requiredFieldsAreTheOnesAnActionCannotBeReadWithout() {
        List<String> required = new ArrayList<>();
        for (ActionType type : ActionType.values()) {
            FieldTable<? extends Action> table = FieldTable.of(type);
            if (table != null) {
                table.fields().stream().filter(f -> !f.nullable()).forEach(f -> required.add(type.key() + "." + f.name()));
            }
        }
        assertThat(required).containsExactlyInAnyOrder("add.path", "remove.path", "txn.appId", "cdc.path",
                "domainMetadata.domain", "sidecar.path");
        Object[] values = new Object[Txn.FIELDS.size()];
        assertThat(Txn.FIELDS.firstMissing(values).name()).isEqualTo("appId");
        assertThatThrownBy(() -> ActionCodec.parse("{\"txn\":{\"version\":1}}"))
                .isInstanceOf(MalformedActionException.class).hasMessage("'txn' has no string field 'appId'");
    }

    @Test
    void aStructTypedOnlyWholeRefusesAnExtra() {
        assertThatThrownBy(() -> Metadata.Format.FIELDS.create(new Object[2], extra("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddFile.FIELDS.create(new Object[3], null)).isInstanceOf(IllegalArgumentException.class);
    }
}
