package io.deltasql.connect;

import io.deltasql.connect.sink.DeltaSinkConfig;
import io.deltasql.connect.source.DeltaSourceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Writes the configuration tables of {@code docs/connector.md} from the {@link ConfigDef}s, between
 * {@code <!-- source-config:begin -->}/{@code end} and {@code <!-- sink-config:begin -->}/{@code end}.
 * {@code ConfigDocsTest} fails when the doc is stale; run this main (argument: the doc's path) to refresh it.
 */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/connector.md");
        Files.writeString(doc, refresh(Files.readString(doc, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /** The document with both generated sections replaced. */
    public static String refresh(String doc) {
        String out = replace(doc, "source-config", table(DeltaSourceConfig.CONFIG_DEF,
                List.<String[]>of(new String[] {"storage.*", "string", "", "", "medium",
                    "Storage settings, prefix removed: raw Hadoop keys (storage.fs.s3a.endpoint becomes fs.s3a.endpoint) or "
                            + "delta-log's short names (storage.s3.endpoint, storage.s3.path-style, storage.s3.access-key, "
                            + "storage.azure.account, ...; see docs/storage.md), over the worker's environment (AWS_*, AZURE_*, "
                            + "GOOGLE_*). Secret values are never printed by the connector; prefer a config provider (${file:...}).",
                    "Storage"})));
        return replace(out, "sink-config", table(DeltaSinkConfig.CONFIG_DEF, List.of()));
    }

    static String table(ConfigDef def, List<String[]> extraRows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| key | type | default | valid values | importance | description | group |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        List<ConfigDef.ConfigKey> keys = new ArrayList<>(def.configKeys().values());
        List<String> groups = def.groups(); // in definition order
        keys.sort(Comparator.comparingInt((ConfigDef.ConfigKey k) -> groups.indexOf(k.group)).thenComparingInt(k -> k.orderInGroup));
        for (ConfigDef.ConfigKey k : keys) {
            row(sb, new String[] {k.name, k.type.name().toLowerCase(), defaultOf(k),
                k.validator == null ? "" : k.validator.toString(), k.importance.name().toLowerCase(),
                k.documentation, k.group});
        }
        extraRows.forEach(r -> row(sb, r));
        return sb.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey k) {
        if (!k.hasDefault()) {
            return "(required)";
        }
        if (k.defaultValue == null) {
            return "";
        }
        return ConfigDef.convertToString(k.defaultValue, k.type);
    }

    private static void row(StringBuilder sb, String[] cells) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i] == null ? "" : cells[i].replace("|", "\\|").replace("\n", " ");
            sb.append(' ').append(i == 0 || (i == 2 && !c.isEmpty()) ? "`" + c + "`" : c).append(" |");
        }
        sb.append('\n');
    }

    private static String replace(String doc, String section, String content) {
        String begin = "<!-- " + section + ":begin -->\n";
        String end = "<!-- " + section + ":end -->";
        int a = doc.indexOf(begin);
        int b = doc.indexOf(end);
        if (a < 0 || b < a) {
            throw new IllegalArgumentException("the doc has no " + begin.trim() + " ... " + end + " section");
        }
        return doc.substring(0, a + begin.length()) + content + doc.substring(b);
    }
}
