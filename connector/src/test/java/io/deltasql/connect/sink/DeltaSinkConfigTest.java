package io.deltasql.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class DeltaSinkConfigTest {

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config c = new DeltaSqlSinkConnector().validate(props);
        return c.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void everyKeyIsFullyDescribed() {
        for (ConfigDef.ConfigKey key : DeltaSinkConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
            assertThat(key.validator).as(key.name).isNotNull();
        }
    }

    @Test
    void targetOrJdbcUrlExactlyOne() {
        assertThat(errors(Map.of("topics", "deltasql.t", "target", "deltasql://postgres/postgres?host=127.0.0.1"))).isEmpty();
        assertThat(errors(Map.of("topics.regex", "deltasql\\..*", "connection.url", "jdbc:postgresql://127.0.0.1:5432/postgres",
                "connection.password", "pw"))).isEmpty();
        Map<String, List<String>> none = errors(Map.of("topics", "t"));
        assertThat(none).containsOnlyKeys("target", "connection.url");
        Map<String, List<String>> both = errors(Map.of("topics", "t", "target", "deltasql://postgres/db",
                "connection.url", "jdbc:postgresql://h/db"));
        assertThat(both.get("target")).singleElement().asString().contains("not both");
    }

    @Test
    void badValuesNeverEchoThePassword() {
        Map<String, String> props = new HashMap<>();
        props.put("topics", "t");
        props.put("target", "postgres://u:SECRETPW@h/db");
        Map<String, List<String>> e = errors(props);
        assertThat(e.get("target")).anySatisfy(m -> assertThat(m).contains("must start with deltasql://postgres/"));
        assertThat(e.toString()).doesNotContain("SECRETPW");
        Config c = new DeltaSqlSinkConnector().validate(props);
        assertThat(c.configValues().toString()).doesNotContain("SECRETPW");
    }

    @Test
    void validateTestsTheConnectionWithoutShowingThePassword() {
        Map<String, List<String>> e = errors(Map.of("topics", "t",
                "target", "deltasql://postgres/no_such_db_for_deltasql?host=127.0.0.1&password=SECRETPW"));
        assertThat(e).containsOnlyKeys("target");
        assertThat(e.get("target")).singleElement().asString().contains("no_such_db_for_deltasql").doesNotContain("SECRETPW");
    }

    @Test
    void aSqliteTargetIsRefusedWithOneLine() {
        Map<String, List<String>> e = errors(Map.of("topics", "t", "target", "deltasql://sqlite/demo.db/events"));
        assertThat(e).containsOnlyKeys("target");
        assertThat(e.get("target")).singleElement().asString().contains("PostgreSQL only").doesNotContain("\n");
    }

    @Test
    void passwordInJdbcUrlIsRefused() {
        Map<String, List<String>> e = errors(Map.of("topics", "t",
                "connection.url", "jdbc:postgresql://h/db?password=x"));
        assertThat(e.get("connection.url")).singleElement().asString().contains("connection.password");
    }

    @Test
    void aTargetThatNamesItsSchemaWinsAndAnotherTargetSchemaIsRefused() {
        String db = "deltasql://postgres/postgres";
        String query = "?host=127.0.0.1&user=postgres";
        assertThat(errors(Map.of("topics", "t", "target", db + query, "target.schema", "lake"))).isEmpty();
        assertThat(errors(Map.of("topics", "t", "target", db + "/lake" + query, "target.schema", "lake"))).isEmpty();
        assertThat(errors(Map.of("topics", "t", "target", db + "/lake" + query))).as("default not a contradiction").isEmpty();
        Map<String, List<String>> e = errors(Map.of("topics", "t", "target", db + "/lake" + query, "target.schema", "public"));
        assertThat(e).containsOnlyKeys("target.schema");
        assertThat(e.get("target.schema")).singleElement().asString()
                .contains("target names schema 'lake'", "target.schema says 'public'", "the target's schema wins");
        assertThat(DeltaSinkConfig.schemaOf("deltasql://postgres/db/my%20schema/t?x=1")).isEqualTo("my schema");
        assertThat(DeltaSinkConfig.schemaOf("deltasql://postgres/db?x=/y")).isNull();
    }

    @Test
    void staticMembershipOnlyWithOneTask() {
        String target = "deltasql://postgres/postgres?host=127.0.0.1&user=postgres";
        assertThat(errors(Map.of("topics", "t", "target", target, "tasks.max", "1",
                "consumer.override.group.instance.id", "sink-0"))).isEmpty();
        assertThat(errors(Map.of("topics", "t", "target", target, "tasks.max", "2",
                "consumer.override.group.instance.id", "sink-0")).get("consumer.override.group.instance.id"))
                .singleElement().asString().contains("tasks.max=1 only");
    }
}
