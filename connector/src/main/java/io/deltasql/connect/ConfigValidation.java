package io.deltasql.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Both connectors' {@code validate()}: Connect's check of each key, then the checks across keys (each
 * message on the key to change), then — only when nothing is wrong so far — a live check like the JDBC
 * connectors' connection test (the sink connects to PostgreSQL, the source lists each table's log).
 */
public final class ConfigValidation {
    private ConfigValidation() {
    }

    /**
     * @param perKey     {@code super.validate(props)}: one value per key of the connector's ConfigDef
     * @param crossField key → messages, from the connector's config class
     * @param live       runs when no key has an error; reports with {@code (key, message)}
     */
    public static Config validate(Config perKey, Map<String, String> props, Map<String, List<String>> crossField,
                                  Consumer<BiConsumer<String, String>> live) {
        Map<String, ConfigValue> byName = new LinkedHashMap<>();
        perKey.configValues().forEach(v -> byName.put(v.name(), v));
        BiConsumer<String, String> error = (key, message) -> byName
                .computeIfAbsent(key, k -> new ConfigValue(k, props.get(k), List.of(), new ArrayList<>()))
                .addErrorMessage(message);
        crossField.forEach((key, messages) -> messages.forEach(m -> error.accept(key, m)));
        if (byName.values().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            live.accept(error);
        }
        return new Config(new ArrayList<>(byName.values()));
    }
}
