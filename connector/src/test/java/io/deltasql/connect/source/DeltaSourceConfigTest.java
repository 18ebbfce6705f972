package io.deltasql.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaSourceConfigTest {

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config c = new DeltaLogSourceConnector().validate(props);
        return c.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void everyKeyIsFullyDescribed() {
        for (ConfigDef.ConfigKey key : DeltaSourceConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
            assertThat(key.validator).as(key.name).isNotNull();
            assertThat(key.orderInGroup).as(key.name).isPositive();
        }
    }

    static String shared(String table) {
        String root = System.getProperty("deltasql.sharedTables", "../../shared/delta-tables");
        return Path.of(root, table).toAbsolutePath().normalize().toUri().toString();
    }

    @Test
    void validateOpensEveryTableAndNamesTheOnesThatAreNot(@TempDir Path empty) {
        String ok = shared("simple-table");
        assertThat(errors(Map.of("delta.tables", "good=" + ok))).isEmpty();
        Map<String, List<String>> e = errors(Map.of("delta.tables", "good=" + ok + ",nothing=" + empty.toUri()));
        assertThat(e).containsOnlyKeys("delta.tables");
        assertThat(e.get("delta.tables")).singleElement().asString().startsWith("table nothing: ");
    }

    @Test
    void aValidConfigParsesTables() {
        Map<String, String> props = Map.of("delta.tables", "orders=s3a://lake/orders, users=file:///data/users",
                "topic.prefix", "lake", "start.mode", "CHECKPOINT", "storage.fs.s3a.endpoint", "http://127.0.0.1:9000");
        assertThat(DeltaSourceConfig.crossFieldErrors(props)).isEmpty();
        DeltaSourceConfig c = new DeltaSourceConfig(props);
        assertThat(c.tables()).containsExactly(new TableSpec("orders", "s3a://lake/orders"),
                new TableSpec("users", "file:///data/users"));
        assertThat(c.topicFor(c.tables().get(0))).isEqualTo("lake.orders");
        assertThat(c.startMode()).isEqualTo(StartMode.CHECKPOINT);
        assertThat(c.storage().asMap()).containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000");
        assertThat(c.upToVersion()).isNull();
    }

    @Test
    void reportsOneMessagePerBadKey() {
        Map<String, String> props = new HashMap<>();
        props.put("delta.tables", "orders=s3a://a,orders=s3a://b");
        props.put("topic.prefix", "bad prefix!");
        props.put("poll.interval.ms", "1");
        props.put("start.mode", "sometimes");
        props.put("max.records.per.poll", "0");
        props.put("up.to.version", "-3");
        Map<String, List<String>> e = errors(props);
        assertThat(e).containsOnlyKeys("delta.tables", "topic.prefix", "poll.interval.ms", "start.mode",
                "max.records.per.poll", "up.to.version");
        assertThat(e.get("delta.tables")).singleElement().asString().contains("'orders' is listed twice");
        assertThat(e.get("up.to.version")).singleElement().asString().contains(">= 0");
    }

    @Test
    void crossFieldErrorsLandOnTheKeyToChange() {
        Map<String, List<String>> e = errors(Map.of("delta.tables", "t=file:///x", "start.mode", "checkpoint",
                "up.to.version", "4", "storage.", "x"));
        assertThat(e).containsOnlyKeys("up.to.version", "storage.");
        assertThat(e.get("up.to.version").get(0)).contains("start.mode=checkpoint");
    }

    @Test
    void tableEntriesMustBeNameEqualsLocation() {
        assertThat(errors(Map.of("delta.tables", "s3a://lake/orders")).get("delta.tables").get(0))
                .contains("is not name=location");
        assertThat(errors(Map.of("delta.tables", "my table=file:///x")).get("delta.tables").get(0))
                .contains("may only use letters");
    }

    @Test
    void storageKeysPassThroughWithSecretsMaskedWhenPrinted() {
        DeltaSourceConfig c = new DeltaSourceConfig(Map.of("delta.tables", "t=s3a://b/t",
                "storage.fs.s3a.secret.key", "TOPSECRET", "storage.s3.access-key", "AKIAXYZ", "storage.fs.s3a.endpoint", "e"));
        assertThat(c.storage().toString()).doesNotContain("TOPSECRET").doesNotContain("AKIAXYZ").contains("fs.s3a.endpoint");
        assertThat(c.storage().asMap()).containsEntry("fs.s3a.secret.key", "TOPSECRET").containsEntry("s3.access-key", "AKIAXYZ");
        assertThat(c.storage().hadoopKeys("b")).containsEntry("fs.s3a.access.key", "AKIAXYZ");
    }

    @Test
    void tablesAreSpreadOverTasks() {
        DeltaLogSourceConnector connector = new DeltaLogSourceConnector();
        connector.start(Map.of("name", "src", "delta.tables", "a=file:///a,b=file:///b,c=file:///c"));
        List<Map<String, String>> two = connector.taskConfigs(2);
        assertThat(two).hasSize(2);
        assertThat(two.stream().flatMap(t -> new DeltaSourceConfig(t).taskTables().stream()).map(TableSpec::name))
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(connector.taskConfigs(10)).hasSize(3);
        assertThat(two.get(1).get("task.context")).isEqualTo("src-1");
    }
}
