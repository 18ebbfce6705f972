package io.deltasql.connect.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltasql.connect.sink.DeltaSqlSinkConnector;
import io.deltasql.connect.source.DeltaLogSourceConnector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built zip (package phase, hence an IT): Confluent Hub layout, and nothing the worker must own. */
class PluginArchiveIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static Path plugin;
    static List<String> libJars;

    @BeforeAll
    static void unzip() throws IOException {
        plugin = PluginArchive.unzip(PluginArchive.zip(), work);
        try (Stream<Path> jars = Files.list(plugin.resolve("lib"))) {
            libJars = jars.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everythingIsUnderOneComponentDirectoryNamedOwnerNameVersion() throws IOException {
        List<String> tops = new ArrayList<>();
        try (ZipFile z = new ZipFile(PluginArchive.zip().toFile())) {
            Collections.list(z.entries()).stream().map(ZipEntry::getName)
                    .map(n -> n.substring(0, n.indexOf('/') < 0 ? n.length() : n.indexOf('/')))
                    .distinct().forEach(tops::add);
        }
        assertThat(tops).containsExactly(PluginArchive.baseDirectory());
        assertThat(PluginArchive.zip().getFileName().toString()).isEqualTo(PluginArchive.baseDirectory() + ".zip");
        try (Stream<Path> top = Files.list(plugin)) {
            assertThat(top.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("doc", "etc", "lib", "manifest.json");
        }
    }

    @Test
    void manifestDescribesBothConnectorsWithTheBuiltVersion() throws IOException {
        String text = Files.readString(plugin.resolve("manifest.json"));
        assertThat(text).doesNotContain("${");
        JsonNode m = JSON.readTree(text);
        assertThat(PluginArchive.baseDirectory())
                .isEqualTo(m.at("/owner/username").asText() + "-" + m.get("name").asText() + "-" + m.get("version").asText());
        assertThat(m.get("component_types")).extracting(JsonNode::asText).containsExactlyInAnyOrder("source", "sink");
        assertThat(m.get("license")).isNotEmpty();
        assertThat(plugin.resolve(m.get("documentation_url").asText())).isRegularFile();
    }

    @Test
    void libHoldsOurJarsAndTheirRuntimeDependencies() {
        assertThat(libJars).anyMatch(j -> j.startsWith("connector-"))
                .anyMatch(j -> j.startsWith("delta-model-"))
                .anyMatch(j -> j.startsWith("delta-log-"))
                .anyMatch(j -> j.startsWith("delta-storage-"))
                .anyMatch(j -> j.startsWith("sink-writer-"))
                .anyMatch(j -> j.startsWith("postgresql-"))
                .anyMatch(j -> j.startsWith("flyway-core-"))
                .anyMatch(j -> j.startsWith("flyway-database-postgresql-"))
                .anyMatch(j -> j.startsWith("jackson-databind-"))
                .anyMatch(j -> j.startsWith("parquet-hadoop-"))
                .anyMatch(j -> j.startsWith("hadoop-common-"))
                .anyMatch(j -> j.startsWith("hadoop-aws-"))
                .anyMatch(j -> j.startsWith("s3-"));
    }

    @Test
    void theCoreArchiveIsLeanTheCloudDriversAreAddOns() throws IOException {
        long max = Long.parseLong(System.getProperty("deltasql.pluginMaxBytes", "52428800"));
        long core = Files.size(PluginArchive.zip());
        System.out.printf("ARCHIVES core %.1f MB (%d jars)%s%n", core / 1048576.0, libJars.size(),
                PluginArchive.addOns().stream().map(z -> String.format(", %s %.1f MB", z.getFileName(), size(z) / 1048576.0))
                        .reduce("", String::concat));
        assertThat(core).as("core archive bytes").isLessThanOrEqualTo(max);
        assertThat(libJars).noneMatch(j -> j.startsWith("hadoop-client-") || j.startsWith("netty-"))
                .noneMatch(j -> j.startsWith("gcs-connector-") || j.startsWith("hadoop-azure-") || j.startsWith("azure-"));
        Map<String, List<String>> addOns = new TreeMap<>();
        for (Path zip : PluginArchive.addOns()) {
            try (ZipFile z = new ZipFile(zip.toFile())) {
                for (ZipEntry e : Collections.list(z.entries())) {
                    String prefix = PluginArchive.baseDirectory() + "/lib/";
                    if (e.isDirectory()) {
                        assertThat(prefix).as(zip.getFileName() + " adds only to the plugin's lib/")
                                .satisfiesAnyOf(p -> assertThat(p).startsWith(e.getName()),
                                        p -> assertThat(e.getName()).startsWith(p));
                    } else {
                        assertThat(e.getName()).as(zip.getFileName() + " unzips into the plugin's lib/").startsWith(prefix);
                        String rest = e.getName().substring(prefix.length());
                        addOns.computeIfAbsent(rest.substring(0, rest.indexOf('/')), k -> new ArrayList<>())
                                .add(rest.substring(rest.indexOf('/') + 1));
                    }
                }
            }
        }
        assertThat(addOns).containsOnlyKeys("gcs", "azure");
        assertThat(addOns.get("gcs")).singleElement().asString().startsWith("gcs-connector-");
        assertThat(addOns.get("azure")).anyMatch(j -> j.startsWith("hadoop-azure-")).anyMatch(j -> j.startsWith("azure-storage-"));
        // Nothing of the runtime classpath is lost between the archives, nothing is in two of them. By artifact, not
        // version: this module's test dependencies (connect-api's kafka-clients) mediate a few versions of its
        // resolved classpath (zstd-jni, snappy-java), while the archives are resolved for the runtime scope alone.
        List<String> all = new ArrayList<>(libJars);
        addOns.values().forEach(all::addAll);
        assertThat(all).doesNotHaveDuplicates();
        List<String> runtime = Arrays.stream(Files.readString(Path.of(System.getProperty("deltasql.pluginRuntimeClasspath")))
                        .trim().split(java.io.File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString())
                .filter(j -> !j.startsWith("kafka-") && !j.startsWith("connect-") && !j.startsWith("slf4j-"))
                .toList();
        assertThat(all.stream().map(PluginArchiveIT::artifact))
                .containsExactlyInAnyOrderElementsOf(runtime.stream().map(PluginArchiveIT::artifact).toList());
    }

    /** {@code hadoop-common-3.5.0.jar} → {@code hadoop-common}. */
    private static String artifact(String jar) {
        return jar.replaceFirst("-\\d[^/]*\\.jar$", "");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void libBundlesNoKafkaApiNoSlf4jAndNoLoggingBinding() throws IOException {
        assertThat(libJars).noneMatch(j -> j.startsWith("kafka-") || j.startsWith("connect-"))
                .noneMatch(j -> j.startsWith("slf4j-"))
                .noneMatch(j -> j.startsWith("log4j-") || j.startsWith("logback-") || j.startsWith("reload4j"));
        // Also inside fat/shaded jars: no Kafka classes, no unshaded SLF4J, no SLF4J provider (binding).
        Map<String, String> offenders = new TreeMap<>();
        for (String name : libJars) {
            try (JarFile jar = new JarFile(plugin.resolve("lib").resolve(name).toFile())) {
                jar.stream().map(JarEntry::getName)
                        .filter(e -> e.startsWith("org/apache/kafka/") || e.startsWith("org/slf4j/")
                                || e.equals("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")
                                || e.startsWith("org/apache/logging/log4j/core/") || e.startsWith("ch/qos/logback/"))
                        .findFirst().ifPresent(e -> offenders.put(name, e));
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void connectorJarDeclaresBothConnectorsForServiceLoaderDiscovery() throws IOException {
        String connectorJar = libJars.stream().filter(j -> j.startsWith("connector-")).findFirst().orElseThrow();
        try (JarFile jar = new JarFile(plugin.resolve("lib").resolve(connectorJar).toFile())) {
            assertThat(service(jar, "org.apache.kafka.connect.source.SourceConnector"))
                    .contains(DeltaLogSourceConnector.class.getName());
            assertThat(service(jar, "org.apache.kafka.connect.sink.SinkConnector"))
                    .contains(DeltaSqlSinkConnector.class.getName());
        }
    }

    @Test
    void etcHoldsTheConfigFilesAsInTheRepositoryAndDocTheGuides() throws IOException {
        for (String name : List.of("connect-standalone.properties", "delta-source.properties", "delta-source.json",
                "postgres-sink.properties", "postgres-sink.json")) {
            assertThat(plugin.resolve("etc").resolve(name)).hasSameBinaryContentAs(ProjectFiles.config(name));
        }
        assertThat(plugin.resolve("doc/connector.md")).isRegularFile();
        assertThat(plugin.resolve("doc/quickstart-connect.md")).isRegularFile();
    }

    private static String service(JarFile jar, String type) throws IOException {
        JarEntry e = jar.getJarEntry("META-INF/services/" + type);
        assertThat(e).as(type + " service file").isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
