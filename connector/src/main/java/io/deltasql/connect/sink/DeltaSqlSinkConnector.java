package io.deltasql.connect.sink;

import io.deltasql.connect.ConfigValidation;
import io.deltasql.connect.Versions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Applies the versions the source connector emits to PostgreSQL's dl_* tables through the same
 * {@code VersionWriter} as {@code deltasql import}: one transaction per version (or group), the
 * head check making re-delivery harmless.
 */
public class DeltaSqlSinkConnector extends SinkConnector {
    static final String TASK_CONTEXT = "task.context";

    private Map<String, String> props;

    @Override
    public String version() {
        return Versions.plugin();
    }

    @Override
    public void start(Map<String, String> props) {
        new DeltaSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DeltaSqlSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        String name = props.getOrDefault("name", "deltasql-sink");
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TASK_CONTEXT, name + "-" + i);
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing held: tasks own the writers
    }

    @Override
    public ConfigDef config() {
        return DeltaSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigValidation.validate(super.validate(connectorConfigs), connectorConfigs,
                DeltaSinkConfig.crossFieldErrors(connectorConfigs), error -> checkConnection(connectorConfigs, error));
    }

    /** Like the JDBC connectors: the target must accept a connection now. The message never holds the password. */
    private static void checkConnection(Map<String, String> props, BiConsumer<String, String> error) {
        DeltaSinkConfig config = new DeltaSinkConfig(props);
        try {
            StoreTableWriters.checkConnection(config);
        } catch (RuntimeException e) {
            error.accept(config.target() != null ? DeltaSinkConfig.TARGET : DeltaSinkConfig.CONNECTION_URL, e.getMessage());
        }
    }
}
