package io.deltasql.connect.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.connect.sink.DeltaSqlSinkConnector;
import io.deltasql.connect.source.DeltaLogSourceConnector;
import io.deltasql.testing.PgDatabase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;

/**
 * The example configs in config/ go through the connectors' own validate() so they never rot. The
 * connectors' validate() also opens each table's log and connects to PostgreSQL when every value is
 * well-formed, so each config is validated pointed at live resources (a shared table of the same
 * directory name, a test database): then it must have no error at all. As shipped, the only errors
 * allowed are those live checks. Connect's own keys (connector.class, tasks.max, converters, topics.regex,
 * topic.creation.*, producer.override.*) are validated by a real worker in PlainKafkaWorkerIT.
 */
class ConfigFilesTest {

    @Test
    void propertiesAndJsonVariantsHoldTheSameKeysAndValues() {
        for (String name : List.of("delta-source", "postgres-sink")) {
            Map<String, String> props = ProjectFiles.properties(ProjectFiles.config(name + ".properties"));
            Map<String, String> json = ProjectFiles.jsonConfig(ProjectFiles.config(name + ".json"));
            assertThat(json).as(name + ".json vs " + name + ".properties").isEqualTo(props);
            assertThat(props).containsEntry("name", name);
        }
    }

    @Test
    void connectorClassesAreTheOnesThePluginShips() {
        assertThat(source()).containsEntry("connector.class", DeltaLogSourceConnector.class.getName());
        assertThat(sink()).containsEntry("connector.class", DeltaSqlSinkConnector.class.getName());
    }

    @Test
    void sourceConfigHasNoErrorAgainstTheSharedTableOfTheSameName() {
        Map<String, String> live = LiveConfigs.withTablesUnder(source(), LiveConfigs.sharedTables());
        assertThat(errors(new DeltaLogSourceConnector(), live)).isEmpty();
    }

    @Test
    void sourceConfigAsShippedFailsAtMostTheLiveTableCheck() {
        Map<String, List<String>> errors = errors(new DeltaLogSourceConnector(), source());
        // /tmp/delta/simple-table need not exist here; a wrong value anywhere else would show up on its key.
        assertThat(errors.keySet()).isSubsetOf("delta.tables");
    }

    @Test
    void sourceValidationStillCatchesABadValue() {
        // Guards the test itself: validate() must be reporting, not silently accepting anything.
        Map<String, String> bad = LiveConfigs.withTablesUnder(source(), LiveConfigs.sharedTables());
        bad.put("poll.interval.ms", "1");
        assertThat(errors(new DeltaLogSourceConnector(), bad)).containsOnlyKeys("poll.interval.ms");
    }

    @Test
    void sourceConfigLetsAnActionOverKafkasOneMebibyteDefaultsThrough() {
        // A 1 MB schemaString is a ~1.5 MB JSON record (docs/connector.md, Large actions): the producer must
        // take it, and the topic Connect creates must take whatever the producer sends.
        long producer = Long.parseLong(source().get("producer.override.max.request.size"));
        long topic = Long.parseLong(source().get("topic.creation.default.max.message.bytes"));
        assertThat(producer).isGreaterThan(2 * 1_048_576);
        assertThat(topic).isGreaterThanOrEqualTo(producer);
    }

    @Test
    void sinkConfigHasNoErrorAgainstTheLocalPostgres() throws Exception {
        try (PgDatabase db = PgDatabase.create("deltasql_connect_it")) {
            Map<String, String> live = LiveConfigs.withDatabase(sink(), db.name());
            assertThat(errors(new DeltaSqlSinkConnector(), live)).isEmpty();
        }
    }

    @Test
    void sinkConfigAsShippedFailsAtMostTheLiveConnectionCheck() {
        Map<String, List<String>> errors = errors(new DeltaSqlSinkConnector(), sink());
        // Database 'deltasql' need not exist here; a wrong value anywhere else would show up on its key.
        assertThat(errors.keySet()).isSubsetOf("target");
    }

    @Test
    void sinkValidationCatchesAMissingDatabase() {
        Map<String, String> missing = LiveConfigs.withDatabase(sink(), "deltasql_no_such_db_4f1c");
        assertThat(errors(new DeltaSqlSinkConnector(), missing)).containsOnlyKeys("target");
    }

    @Test
    void workerConfigLoadsThePluginFromPluginPathWithTheConnectorsConverters() {
        Map<String, String> worker = ProjectFiles.properties(ProjectFiles.config("connect-standalone.properties"));
        assertThat(worker).containsKeys("bootstrap.servers", "plugin.path", "offset.storage.file.filename", "listeners");
        assertThat(worker.get("key.converter")).isEqualTo(source().get("key.converter")).isEqualTo(sink().get("key.converter"));
        assertThat(worker.get("value.converter")).isEqualTo(source().get("value.converter"))
                .isEqualTo(sink().get("value.converter"));
        // The topics the source writes are the ones the sink reads.
        assertThat(source().get("topic.prefix") + ".simple").matches(sink().get("topics.regex"));
    }

    @Test
    void sinkReadsWithTheConvertersTheSourceWritesWith() {
        // Every converter setting (class, schemas.enable, ...) of the one must be the other's: a sink whose
        // converter expects schemas fails on schemaless records.
        Map<String, String> sourceConverters = converterSettings(source());
        assertThat(sourceConverters).containsEntry("value.converter.schemas.enable", "false")
                .containsEntry("key.converter.schemas.enable", "false");
        assertThat(converterSettings(sink())).isEqualTo(sourceConverters);
    }

    @Test
    void throughputSettingsGoToTheRightClient() {
        // docs/connector.md, Throughput: producer batching for the source, big polls for the sink.
        assertThat(source()).containsKeys("producer.override.linger.ms", "producer.override.batch.size")
                .doesNotContainKeys("consumer.override.max.poll.records");
        assertThat(sink()).containsKeys("consumer.override.max.poll.records", "consumer.override.max.partition.fetch.bytes")
                .doesNotContainKeys("producer.override.linger.ms");
        assertThat(Long.parseLong(source().get("producer.override.batch.size")))
                .isLessThanOrEqualTo(Long.parseLong(source().get("producer.override.max.request.size")));
    }

    private static Map<String, String> converterSettings(Map<String, String> config) {
        Map<String, String> out = new TreeMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith("key.converter") || k.startsWith("value.converter")) {
                out.put(k, v);
            }
        });
        return out;
    }

    static Map<String, String> source() {
        return ProjectFiles.properties(ProjectFiles.config("delta-source.properties"));
    }

    static Map<String, String> sink() {
        return ProjectFiles.properties(ProjectFiles.config("postgres-sink.properties"));
    }

    /** Key → error messages, for keys that have any. */
    static Map<String, List<String>> errors(Connector connector, Map<String, String> config) {
        Config result = connector.validate(config);
        Map<String, List<String>> errors = new TreeMap<>();
        for (ConfigValue v : result.configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        return errors;
    }
}
