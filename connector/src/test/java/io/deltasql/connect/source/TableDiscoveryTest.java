package io.deltasql.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the tables under delta.root on a local directory tree (the listing is the storage's; S3 in S3LogStorageIT). */
class TableDiscoveryTest {
    @TempDir
    Path root;

    private void table(String relative) throws Exception {
        Files.createDirectories(root.resolve(relative).resolve("_delta_log"));
    }

    private List<TableSpec> find(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("delta.root", root.toUri().toString()));
        props.putAll(extra);
        try (TableDiscovery d = TableDiscovery.open(new DeltaSourceConfig(props))) {
            return d.find();
        }
    }

    @Test
    void everyDirectoryWithADeltaLogUpToTheDepthNamedAfterItsPath() throws Exception {
        table("orders");
        table("sales/eu/invoices");
        table("sales/us");
        table("sales/us/inner-not-looked-into"); // under a table: its data directories are never listed
        table("a/b/c/too-deep");
        table("_staging/hidden");
        table(".hive-staging/hidden");
        Files.createDirectories(root.resolve("empty/dir"));
        List<TableSpec> found = find(Map.of());
        String base = root.toUri().toString().replaceAll("/$", "");
        assertThat(found).containsExactly(
                new TableSpec("orders", base + "/orders"),
                new TableSpec("sales.eu.invoices", base + "/sales/eu/invoices"),
                new TableSpec("sales.us", base + "/sales/us"));
        assertThat(find(Map.of("delta.root.max.depth", "4"))).extracting(TableSpec::name).contains("a.b.c.too-deep");
        assertThat(find(Map.of("delta.root.max.depth", "1"))).extracting(TableSpec::name).containsExactly("orders");
    }

    @Test
    void includeAndExcludeGlobsOnTheRelativePath() throws Exception {
        table("sales/eu");
        table("sales/us");
        table("sales/tmp_copy");
        table("hr/people");
        assertThat(find(Map.of("delta.root.include", "sales/*"))).extracting(TableSpec::name)
                .containsExactly("sales.eu", "sales.tmp_copy", "sales.us");
        assertThat(find(Map.of("delta.root.include", "sales/*", "delta.root.exclude", "**/tmp_*")))
                .extracting(TableSpec::name).containsExactly("sales.eu", "sales.us");
        assertThat(find(Map.of("delta.root.exclude", "sales/**"))).extracting(TableSpec::name).containsExactly("hr.people");
    }

    @Test
    void namesKeepToWhatATopicAndATableNameMayHold() {
        assertThat(TableDiscovery.nameOf("sales/eu orders")).isEqualTo("sales.eu_orders");
        assertThat(TableDiscovery.nameOf(".x")).isEqualTo("_.x");
        assertThat(TableDiscovery.nameOf("ß")).isEqualTo("_");
    }

    @Test
    void theConnectorSpreadsTheListedAndTheFoundTablesOverItsTasks() throws Exception {
        table("sales/eu");
        table("sales/us");
        DeltaLogSourceConnector connector = new DeltaLogSourceConnector();
        connector.initialize(new org.apache.kafka.connect.connector.ConnectorContext() {
            @Override
            public void requestTaskReconfiguration() {
            }

            @Override
            public void raiseError(Exception e) {
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }
        });
        connector.start(Map.of("name", "src", "delta.tables", "listed=file:///listed", "delta.root", root.toUri().toString()));
        try {
            List<Map<String, String>> tasks = connector.taskConfigs(5);
            assertThat(tasks).hasSize(3);
            assertThat(tasks).extracting(t -> t.get(DeltaSourceConfig.TASK_TABLES).replaceAll("=.*", ""))
                    .containsExactly("listed", "sales.eu", "sales.us");
        } finally {
            connector.stop();
        }
    }

    @Test
    void validateRefusesNoTablesAtAllAndPatternsWithoutARootAndAnUnreadableRoot() {
        Map<String, List<String>> none = errors(Map.of("name", "s"));
        assertThat(none.get("delta.tables")).singleElement().asString().contains("delta.root");
        assertThat(errors(Map.of("delta.tables", "t=file:///x", "delta.root.include", "a/*"))).containsKey("delta.root.include");
        assertThat(errors(Map.of("delta.root", root.toUri().toString(), "delta.root.exclude", "a/[b"))).containsKey("delta.root.exclude");
        assertThat(errors(Map.of("delta.root", root.toUri().toString()))).as("an empty root is no error").isEmpty();
        assertThatThrownBy(() -> TableDiscovery.globs(List.of("{a"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, List<String>> errors(Map<String, String> props) {
        Config c = new DeltaLogSourceConnector().validate(props);
        Map<String, List<String>> out = new HashMap<>();
        for (ConfigValue v : c.configValues()) {
            if (!v.errorMessages().isEmpty()) {
                out.put(v.name(), v.errorMessages());
            }
        }
        return out;
    }
}
