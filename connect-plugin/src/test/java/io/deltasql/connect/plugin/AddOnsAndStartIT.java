package io.deltasql.connect.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.connect.sink.DeltaSqlSinkConnector;
import io.deltasql.connect.source.DeltaLogSourceConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean plugin on a plain Kafka worker process (issue 17): with the core archive alone, a {@code gs://} or
 * {@code abfss://} table is refused by validation with one line naming the add-on to install; with the add-ons
 * unzipped into the same plugin directory, the worker loads their drivers (the error is then the driver's own).
 * And how long a worker takes to start with the plugin, with {@code plugin.discovery=service_load} (the shipped
 * worker configs) and with Kafka's default {@code hybrid_warn}, which scans every class of every jar: printed
 * ({@code WORKER START ...}), with the load average, for docs/quickstart-connect.md.
 */
class AddOnsAndStartIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    @TempDir
    static Path work;
    static PlainKafka kafka;
    static Path corePlugins;
    static Path fullPlugins;

    @BeforeAll
    static void start() throws Exception {
        corePlugins = Files.createDirectories(work.resolve("core"));
        PluginArchive.unzip(PluginArchive.zip(), corePlugins);
        fullPlugins = Files.createDirectories(work.resolve("full"));
        PluginArchive.unzip(PluginArchive.zip(), fullPlugins);
        for (Path addOn : PluginArchive.addOns()) {
            PluginArchive.unzip(addOn, fullPlugins); // as documented: where the core archive was unzipped
        }
        kafka = PlainKafka.startedBroker(work.resolve("kafka"), START_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aCloudTableWithoutItsAddOnIsRefusedNamingTheArchiveAndWithItTheDriverLoads() throws Exception {
        PlainKafka.Worker core = worker(corePlugins, "service_load", "addons-core");
        try {
            Map<String, String> errors = cloudTableErrors(new ConnectRest(core.restUrl()));
            assertThat(errors.get("gcs")).contains("gs:// needs the plugin's gcs add-on, which is not installed: unzip "
                    + "deltasql-kafka-connect-deltasql-").contains("-gcs.zip").doesNotContain("\n");
            assertThat(errors.get("azure")).contains("abfss:// needs the plugin's azure add-on").contains("-azure.zip");
        } finally {
            core.process().close();
        }
        PlainKafka.Worker full = worker(fullPlugins, "service_load", "addons-full");
        try {
            Map<String, String> errors = cloudTableErrors(new ConnectRest(full.restUrl()));
            // No such bucket or account here: the driver's own error, proof that its classes loaded.
            assertThat(errors.get("gcs")).startsWith("table g: ").doesNotContain("add-on").doesNotContain("ClassNotFound");
            assertThat(errors.get("azure")).startsWith("table a: ").doesNotContain("add-on").doesNotContain("ClassNotFound");
            System.out.println("ADDONS with the add-ons, gs:// -> " + errors.get("gcs") + " | abfss:// -> " + errors.get("azure"));
        } finally {
            full.process().close();
        }
    }

    @Test
    void workerStartTimesWithThePlugin() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String mode : List.of("service_load", "hybrid_warn")) {
            for (Path plugins : List.of(corePlugins, fullPlugins)) {
                long t0 = System.nanoTime();
                PlainKafka.Worker w = worker(plugins, mode, "start-" + mode.replace('_', '-') + "-" + plugins.getFileName());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                String log = w.process().output();
                w.process().close();
                lines.add(String.format("WORKER START plugin.discovery=%s, %s: %d ms from process start to both connectors "
                        + "listed by REST (load average %s)", mode, plugins == corePlugins ? "core archive"
                        : "core + gcs + azure add-ons", ms, CrashRecoveryIT.load()));
                if (mode.equals("hybrid_warn")) {
                    // The scan found nothing the ServiceLoader manifests do not declare.
                    assertThat(log).contains("All plugins have ServiceLoader manifests")
                            .doesNotContain("One or more plugins are missing ServiceLoader manifests");
                }
            }
        }
        lines.forEach(System.out::println);
    }

    /** A worker of its own group with {@code plugins} as plugin.path; returns once REST lists both connectors. */
    private static PlainKafka.Worker worker(Path plugins, String discovery, String group) throws Exception {
        Map<String, String> overrides = new TreeMap<>();
        overrides.put("plugin.discovery", discovery);
        overrides.put("group.id", group);
        overrides.put("config.storage.topic", group + "-configs");
        overrides.put("offset.storage.topic", group + "-offsets");
        overrides.put("status.storage.topic", group + "-status");
        PlainKafka.Worker w = kafka.startWorker(ProjectFiles.properties(ProjectFiles.docker("connect-distributed.properties")),
                plugins, 0, overrides, START_TIMEOUT);
        ConnectRest rest = new ConnectRest(w.restUrl());
        PlainKafka.await("both connectors listed", w.process(), START_TIMEOUT, () -> {
            try {
                String body = rest.get("/connector-plugins?connectorsOnly=true").raw();
                return body.contains(DeltaLogSourceConnector.class.getName()) && body.contains(DeltaSqlSinkConnector.class.getName());
            } catch (Exception e) {
                return false;
            }
        });
        return w;
    }

    /** Validation errors on delta.tables for a gs:// and an abfss:// table, by add-on name. */
    private static Map<String, String> cloudTableErrors(ConnectRest rest) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String[] t : new String[][] {{"gcs", "g=gs://deltasql-no-such-bucket/t"},
                {"azure", "a=abfss://c@deltasqlnosuchaccount.dfs.core.windows.net/t"}}) {
            Map<String, String> config = new TreeMap<>(ProjectFiles.jsonConfig(ProjectFiles.config("delta-source.json")));
            config.put("delta.tables", t[1]);
            config.put("storage.fs.azure.io.retry.max.retries", "0"); // an unknown account: fail at once
            config.put("storage.retry.timeout", "1s"); // nor retry the store for the default 30 s
            config.put("storage.azure.account-key", "a2V5"); // any key: only that the driver loads matters
            ConnectRest.Response r = rest.validate(config.get("connector.class"), config);
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            for (JsonNode c : r.body().get("configs")) {
                if (c.at("/value/name").asText().equals("delta.tables") && c.at("/value/errors").size() > 0) {
                    out.put(t[0], c.at("/value/errors/0").asText());
                }
            }
        }
        return out;
    }
}
