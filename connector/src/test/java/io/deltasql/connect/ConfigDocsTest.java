package io.deltasql.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.connect.sink.DeltaSinkConfig;
import io.deltasql.connect.source.DeltaSourceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/connector.md lists every key exactly as the ConfigDefs define it. */
class ConfigDocsTest {
    static final Path DOC = Path.of("..", "docs", "connector.md");

    @Test
    void connectorDocIsCurrent() throws Exception {
        String doc = Files.readString(DOC);
        if (Boolean.getBoolean("deltasql.updateDocs")) {
            Files.writeString(DOC, ConfigDocs.refresh(doc));
            doc = Files.readString(DOC);
        }
        assertThat(ConfigDocs.refresh(doc))
                .as("docs/connector.md is stale: run mvn -pl connector test -Dtest=ConfigDocsTest -Ddeltasql.updateDocs=true")
                .isEqualTo(doc);
        for (String key : DeltaSourceConfig.CONFIG_DEF.names()) {
            assertThat(doc).contains("| `" + key + "` |");
        }
        for (String key : DeltaSinkConfig.CONFIG_DEF.names()) {
            assertThat(doc).contains("| `" + key + "` |");
        }
    }
}
