package io.deltasql.connect.source;

import io.deltasql.connect.ConfigValidation;
import io.deltasql.connect.Versions;
import io.deltasql.storage.Secrets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * Tails the {@code _delta_log} of one or more Delta tables and emits one record per action.
 * Tables are spread over the tasks; a table is always read by exactly one task.
 */
public class DeltaLogSourceConnector extends SourceConnector {
    static final String TASK_CONTEXT = "task.context";

    private Map<String, String> props;
    private SourceTables tables;

    @Override
    public String version() {
        return Versions.plugin();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.tables = SourceTables.start(new DeltaSourceConfig(props), props.getOrDefault("name", "deltasql-source"),
                () -> context.requestTaskReconfiguration());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DeltaLogSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<TableSpec> current = tables.current();
        int groups = Math.min(maxTasks, current.size());
        if (groups == 0) {
            return List.of(); // a root with no table yet: no task until the scan finds one
        }
        List<List<TableSpec>> grouped = ConnectorUtils.groupPartitions(current, groups);
        List<Map<String, String>> configs = new ArrayList<>(groups);
        String name = props.getOrDefault("name", "deltasql-source");
        for (int i = 0; i < grouped.size(); i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(DeltaSourceConfig.TASK_TABLES,
                    grouped.get(i).stream().map(TableSpec::asEntry).collect(Collectors.joining("\n")));
            task.put(TASK_CONTEXT, name + "-" + i);
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (tables != null) {
            tables.close(); // the root's scanning thread; tasks own the readers
        }
    }

    @Override
    public ConfigDef config() {
        return DeltaSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigValidation.validate(super.validate(connectorConfigs), connectorConfigs,
                DeltaSourceConfig.crossFieldErrors(connectorConfigs), error -> checkTablesReadable(connectorConfigs, error));
    }

    /** Like the JDBC connectors' connection test: each table's log must be listable now (one message per table). */
    private static void checkTablesReadable(Map<String, String> props, BiConsumer<String, String> error) {
        DeltaSourceConfig config = new DeltaSourceConfig(props);
        if (config.root() != null) {
            try (TableDiscovery discovery = TableDiscovery.open(config)) {
                discovery.find();
            } catch (RuntimeException e) {
                error.accept(DeltaSourceConfig.ROOT, Secrets.scrub(e.getMessage(), config.storage()));
            }
        }
        for (TableSpec t : config.tables()) {
            try (VersionFeed feed = DeltaLogFeed.open(t.name(), t.location(), config.storage())) {
                feed.newestVersionFrom(0);
            } catch (MissingAddOnException e) {
                error.accept(DeltaSourceConfig.TABLES, e.getMessage());
            } catch (RuntimeException e) {
                // The REST answer is shown to whoever validates: no storage secret in it.
                error.accept(DeltaSourceConfig.TABLES,
                        "table " + t.name() + ": " + Secrets.scrub(e.getMessage(), config.storage()));
            }
        }
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        // Every record carries its exact (version, index) position, and re-reading a version is deterministic.
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        // With transaction.boundary=connector, one Kafka transaction holds exactly one Delta version.
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    /**
     * KIP-875: accepts {@code {table: <location>}} → {@code {protocol: 1, version, index[, complete]}} (or
     * null to reset a table, which then starts again per {@code start.mode}); rejects anything else.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        Set<String> locations = new HashSet<>();
        String root;
        try {
            DeltaSourceConfig config = new DeltaSourceConfig(connectorConfig);
            config.tables().forEach(t -> locations.add(t.location()));
            root = config.root() == null ? null : io.deltasql.log.TableLocation.of(config.root()).uri() + "/";
        } catch (RuntimeException e) {
            throw new ConnectException("cannot check the offsets: the connector configuration is invalid: " + e.getMessage());
        }
        for (Map.Entry<Map<String, ?>, Map<String, ?>> e : offsets.entrySet()) {
            String location;
            try {
                location = SourceOffset.parsePartition(e.getKey());
                if (e.getValue() != null) {
                    SourceOffset.parse(e.getValue());
                }
            } catch (IllegalArgumentException bad) {
                throw new ConnectException("invalid offset for " + e.getKey() + ": " + bad.getMessage());
            }
            if (!locations.contains(location) && (root == null || !location.startsWith(root))) {
                throw new ConnectException("invalid offset: location '" + location + "' is not one of the tables in "
                        + DeltaSourceConfig.TABLES + " " + locations + (root == null ? "" : " nor under " + root));
            }
        }
        return true;
    }
}
