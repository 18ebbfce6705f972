package io.deltasql.connect.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so docker/ is kept honest by reading it: the compose file, the Dockerfile,
 * the worker properties and the connector JSON must agree with each other, with config/ (same connector
 * classes and keys; docker adds only storage.* for MinIO) and with the Kafka version the build tests.
 */
class DockerFilesTest {
    static JsonNode compose;
    static JsonNode services;
    static String dockerfile;
    static Map<String, String> worker;

    @BeforeAll
    static void read() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(ProjectFiles.docker("docker-compose.yml").toFile());
        services = compose.get("services");
        dockerfile = Files.readString(ProjectFiles.docker("Dockerfile"));
        worker = ProjectFiles.properties(ProjectFiles.docker("connect-distributed.properties"));
    }

    @Test
    void composeRunsKafkaConnectPostgresAndMinio() {
        assertThat(fieldNames(services)).contains("kafka", "connect", "postgres", "minio");
        assertThat(services.at("/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    }

    @Test
    void kafkaImageAndConnectBaseImageAreTheKafkaVersionTheBuildTests() throws IOException {
        String pom = Files.readString(ProjectFiles.root().resolve("pom.xml"));
        Matcher m = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(pom);
        assertThat(m.find()).isTrue();
        String kafkaVersion = m.group(1);
        assertThat(services.at("/kafka/image").asText()).isEqualTo("apache/kafka:" + kafkaVersion);
        assertThat(dockerfile).contains("ARG KAFKA_VERSION=" + kafkaVersion).contains("FROM apache/kafka:${KAFKA_VERSION}");
    }

    @Test
    void connectImageIsBuiltFromTheDockerfileWithThePluginInItsPluginPath() throws IOException {
        Path context = ProjectFiles.docker("").resolve(services.at("/connect/build/context").asText()).normalize();
        assertThat(context).isEqualTo(ProjectFiles.root());
        assertThat(context.resolve(services.at("/connect/build/dockerfile").asText())).isEqualTo(ProjectFiles.docker("Dockerfile"));
        // The unzipped plugin (built by connect-plugin's assembly) lands in the worker's plugin.path.
        assertThat(dockerfile).containsPattern("COPY [^\\n]*connect-plugin/target/plugin/ " + Pattern.quote(worker.get("plugin.path") + "/"));
        Matcher config = Pattern.compile("COPY [^\\n]*docker/connect-distributed.properties (\\S+)").matcher(dockerfile);
        assertThat(config.find()).isTrue();
        assertThat(dockerfile).contains("CMD [\"" + config.group(1) + "\"]");
        assertThat(Files.readString(ProjectFiles.docker("Dockerfile.dockerignore")))
                .contains("!connect-plugin/target/plugin/", "!docker/connect-distributed.properties");
    }

    @Test
    void workerReachesTheBrokerAndPublishesItsRestPort() {
        assertThat(services.at("/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText())
                .contains("//" + worker.get("bootstrap.servers"));
        int restPort = URI.create(worker.get("listeners")).getPort();
        assertThat(textList(services.at("/connect/ports"))).contains(restPort + ":" + restPort);
        assertThat(worker.get("key.converter")).isEqualTo(ConfigFilesTest.source().get("key.converter"));
    }

    @Test
    void connectorJsonMatchesConfigPlusOnlyStorageKeys() {
        for (String name : List.of("delta-source", "postgres-sink")) {
            Map<String, String> local = ProjectFiles.jsonConfig(ProjectFiles.config(name + ".json"));
            Map<String, String> docker = ProjectFiles.jsonConfig(ProjectFiles.docker("connectors/" + name + ".json"));
            assertThat(docker.keySet()).as(name).containsAll(local.keySet());
            assertThat(docker.keySet().stream().filter(k -> !local.containsKey(k)))
                    .as(name + ": keys only in docker/").allMatch(k -> k.startsWith("storage."));
            local.forEach((k, v) -> {
                if (!k.equals("delta.tables") && !k.equals("target")) {
                    assertThat(docker.get(k)).as(name + " " + k).isEqualTo(v);
                }
            });
        }
    }

    @Test
    void sourceReadsTheTableFromMinioUnderTheSameName() {
        Map<String, String> docker = ProjectFiles.jsonConfig(ProjectFiles.docker("connectors/delta-source.json"));
        Map<String, String> local = ProjectFiles.jsonConfig(ProjectFiles.config("delta-source.json"));
        assertThat(tableNames(docker.get("delta.tables"))).isEqualTo(tableNames(local.get("delta.tables")));
        assertThat(docker.get("delta.tables")).contains("=s3a://lake/simple-table");
        assertThat(services.has(URI.create(docker.get("storage.fs.s3a.endpoint")).getHost())).isTrue();
        // S3 credentials come from the worker's environment (S3A's default chain), equal to MinIO's root user.
        assertThat(docker.keySet()).noneMatch(k -> k.contains("key") && k.contains("s3a.") && !k.contains("endpoint"));
        assertThat(services.at("/connect/environment/AWS_ACCESS_KEY_ID").asText())
                .isEqualTo(services.at("/minio/environment/MINIO_ROOT_USER").asText());
        assertThat(services.at("/connect/environment/AWS_SECRET_ACCESS_KEY").asText())
                .isEqualTo(services.at("/minio/environment/MINIO_ROOT_PASSWORD").asText());
    }

    @Test
    void sinkWritesToTheComposePostgresWithThePasswordFromTheWorkersEnvironment() {
        String target = ProjectFiles.jsonConfig(ProjectFiles.docker("connectors/postgres-sink.json")).get("target");
        assertThat(target).doesNotContain("password");
        Matcher m = Pattern.compile("^deltasql://postgres/([^/?]+)\\?.*host=([^&]+).*user=([^&]+)").matcher(target);
        assertThat(m.find()).as(target).isTrue();
        assertThat(services.has(m.group(2))).as("host " + m.group(2) + " is a compose service").isTrue();
        assertThat(m.group(1)).isEqualTo(services.at("/postgres/environment/POSTGRES_DB").asText());
        assertThat(m.group(3)).isEqualTo(services.at("/postgres/environment/POSTGRES_USER").asText());
        assertThat(services.at("/connect/environment/PGPASSWORD").asText())
                .isEqualTo(services.at("/postgres/environment/POSTGRES_PASSWORD").asText());
    }

    @Test
    void setupScriptRegistersBothConnectorFilesOnThePublishedRestPort() throws IOException {
        Path setup = ProjectFiles.docker("setup.sh");
        String script = Files.readString(setup);
        assertThat(Files.isExecutable(setup)).isTrue();
        assertThat(script).contains("register delta-source \"$here/connectors/delta-source.json\"")
                .contains("register postgres-sink \"$here/connectors/postgres-sink.json\"")
                .contains("connect=\"http://localhost:" + URI.create(worker.get("listeners")).getPort() + "\"")
                .contains("lake/lake/simple-table");
        assertThat(services.at("/mc/environment/MC_HOST_lake").asText()).isEqualTo("http://"
                + services.at("/minio/environment/MINIO_ROOT_USER").asText() + ":"
                + services.at("/minio/environment/MINIO_ROOT_PASSWORD").asText() + "@minio:9000");
    }

    private static Set<String> tableNames(String tables) {
        Set<String> names = new TreeSet<>();
        for (String e : tables.split(",")) {
            names.add(e.substring(0, e.indexOf('=')).trim());
        }
        return names;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> textList(JsonNode node) {
        List<String> list = new ArrayList<>();
        node.forEach(n -> list.add(n.asText()));
        return list;
    }
}
