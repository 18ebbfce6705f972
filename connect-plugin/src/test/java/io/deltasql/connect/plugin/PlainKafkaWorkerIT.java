package io.deltasql.connect.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.connect.sink.DeltaSqlSinkConnector;
import io.deltasql.connect.source.DeltaLogSourceConnector;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.storage.LogStorages;
import io.deltasql.testing.PgDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a user installs it: the built zip unzipped into a directory that is the worker's
 * {@code plugin.path}, loaded by a plain Apache Kafka Connect worker process whose classpath holds Kafka
 * and nothing of ours (kafka-worker/pom.xml), next to a KRaft broker process. Both connectors are
 * created through REST from the shipped config/*.json, pointed at a copy of simple-table and a fresh
 * database on the real PostgreSQL, and the table must arrive whole.
 */
class PlainKafkaWorkerIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path work;
    static PlainKafka kafka;
    static PgDatabase db;
    static ConnectRest rest;
    static Path pluginDir;
    static Path table;
    static String workerClasspath;

    @BeforeAll
    static void start() throws Exception {
        Instant t0 = Instant.now();
        workerClasspath = Files.readString(Path.of(System.getProperty("kafka.worker.classpath"))).trim();
        pluginDir = PluginArchive.unzip(PluginArchive.zip(), Files.createDirectories(work.resolve("plugins")));
        table = copyTable("simple-table", work.resolve("tables"));
        db = PgDatabase.create("deltasql_connect_it");
        Path kafkaDir = Files.createDirectories(work.resolve("kafka"));
        kafka = new PlainKafka(workerClasspath, Path.of(System.getProperty("kafka.worker.log4j2")), kafkaDir);
        kafka.startBroker(START_TIMEOUT);
        Instant brokerUp = Instant.now();
        // The worker config of docker/ (so that file is proven on a real worker too). It sets
        // plugin.discovery=service_load; Kafka's default hybrid_warn was tried too: it logged "All plugins have
        // ServiceLoader manifests" but its reflective scan of the plugin's jars added about 30 s to every start.
        Map<String, String> base = ProjectFiles.properties(ProjectFiles.docker("connect-distributed.properties"));
        kafka.startWorker(base, work.resolve("plugins"),
                Map.of("group.id", "deltasql-plugin-it", "offset.flush.interval.ms", "500"), START_TIMEOUT);
        rest = new ConnectRest(kafka.restUrl());
        System.out.printf("TIMING broker up %d ms, worker REST up %d ms later%n",
                Duration.between(t0, brokerUp).toMillis(), Duration.between(brokerUp, Instant.now()).toMillis());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (kafka != null) {
                kafka.close();
                keepLogs(work.resolve("kafka"));
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    @Test
    void workerClasspathHoldsNothingOfOurs() throws IOException {
        assertThat(workerClasspath).doesNotContain("io/deltasql").doesNotContain("/deltasql-");
        assertThat(PluginArchive.jarsWithDeltasqlClasses(workerClasspath)).isEmpty();
    }

    @Test
    void workerListsBothConnectorsFromThePluginDirectory() throws Exception {
        ConnectRest.Response plugins = rest.get("/connector-plugins?connectorsOnly=true");
        assertThat(plugins.status()).isEqualTo(200);
        List<String> classes = new ArrayList<>();
        plugins.body().forEach(p -> classes.add(p.get("class").asText()));
        assertThat(classes).contains(DeltaLogSourceConnector.class.getName(), DeltaSqlSinkConnector.class.getName());
        // The worker found them in the unzipped plugin, under its own class loader, not on its classpath
        // (which has none of our classes).
        assertThat(kafka.worker().output())
                .contains("Registered loader: PluginClassLoader{pluginLocation=file:" + pluginDir + "/}")
                .contains("Added plugin '" + DeltaLogSourceConnector.class.getName() + "'")
                .contains("Added plugin '" + DeltaSqlSinkConnector.class.getName() + "'");
    }

    @Test
    void shippedJsonConfigsPassTheWorkersFullValidation() throws Exception {
        for (Map<String, String> config : List.of(liveSource(), liveSink())) {
            ConnectRest.Response r = rest.validate(config.get("connector.class"), config);
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.body().get("error_count").asInt()).as(errorsOf(r.body())).isZero();
        }
    }

    @Test
    void bothConnectorsSyncTheTableIntoPostgresql() throws Exception {
        Map<String, String> source = liveSource();
        Map<String, String> sink = liveSink();
        Instant t0 = Instant.now();
        ConnectRest.Response created = rest.putConnectorConfig(source.get("name"), source, START_TIMEOUT);
        assertThat(created.status()).as(created.raw()).isIn(200, 201);
        created = rest.putConnectorConfig(sink.get("name"), sink, START_TIMEOUT);
        assertThat(created.status()).as(created.raw()).isIn(200, 201);

        Snapshot expected;
        try (DeltaLog log = LogStorages.openLog(table.toUri().toString())) {
            expected = log.latestSnapshot();
        }
        assertThat(expected.version()).isEqualTo(4);
        assertThat(expected.files()).hasSize(5);

        awaitHead("simple", expected.version());
        System.out.printf("TIMING connectors created -> head %d in PostgreSQL: %d ms%n", expected.version(),
                Duration.between(t0, Instant.now()).toMillis());
        assertThat(livePaths("simple")).containsExactlyElementsOf(
                new TreeSet<>(expected.files().stream().map(AddFile::path).toList()));
        assertRunning(source.get("name"));
        assertRunning(sink.get("name"));
        assertThat(kafka.worker().output())
                .doesNotContain("NoClassDefFoundError")
                .doesNotContain("ClassNotFoundException")
                .doesNotContain("LinkageError")
                .doesNotContain("NoSuchMethodError");
    }

    @Test
    void aTableOnS3SyncsWithTheCoreArchiveAlone() throws Exception {
        // The core archive ships hadoop-common and a chosen few of its dependencies instead of the shaded Hadoop
        // client: an S3 table with a Parquet checkpoint, read through S3A and the AWS SDK, must still arrive whole.
        try (S3Server s3 = S3Server.start(work.resolve("s3"), START_TIMEOUT)) {
            s3.createBucket("lake");
            s3.upload(LiveConfigs.sharedTables().resolve("checkpoint"), "lake", "tables/checkpoint");
            Map<String, String> source = new java.util.TreeMap<>(ProjectFiles.jsonConfig(ProjectFiles.config("delta-source.json")));
            source.put("name", "s3-source");
            source.put("delta.tables", "s3_checkpoint=s3a://lake/tables/checkpoint");
            source.put("topic.prefix", "s3");
            source.put("poll.interval.ms", "200");
            source.put("storage.s3.endpoint", s3.endpoint());
            source.put("storage.s3.path-style", "true");
            source.put("storage.s3.region", "us-east-1");
            source.put("storage.s3.access-key", S3Server.ACCESS_KEY);
            source.put("storage.s3.secret-key", S3Server.SECRET_KEY);
            Map<String, String> sink = liveSink();
            sink.put("name", "s3-sink");
            sink.put("topics.regex", "s3\\..*");
            for (Map<String, String> c : List.of(source, sink)) {
                ConnectRest.Response r = rest.putConnectorConfig(c.get("name"), c, START_TIMEOUT);
                assertThat(r.status()).as(r.raw()).isIn(200, 201);
            }
            Snapshot expected;
            try (DeltaLog log = LogStorages.openLog(LiveConfigs.sharedTables().resolve("checkpoint").toUri().toString())) {
                expected = log.latestSnapshot();
            }
            awaitHead("s3_checkpoint", expected.version(), "s3-source", "s3-sink");
            assertThat(livePaths("s3_checkpoint")).containsExactlyElementsOf(
                    new TreeSet<>(expected.files().stream().map(AddFile::path).toList()));
            assertThat(kafka.worker().output()).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
            rest.delete("/connectors/s3-source");
            rest.delete("/connectors/s3-sink");
        }
    }

    // -------------------------------------------------------------------------------------------------

    /** config/delta-source.json pointed at the copied table (same table name). */
    private static Map<String, String> liveSource() {
        Map<String, String> c = LiveConfigs.withTablesUnder(ProjectFiles.jsonConfig(ProjectFiles.config("delta-source.json")),
                table.getParent());
        c.put("poll.interval.ms", "200");
        return c;
    }

    /** config/postgres-sink.json pointed at the test database. */
    private static Map<String, String> liveSink() {
        Map<String, String> c = LiveConfigs.withDatabase(ProjectFiles.jsonConfig(ProjectFiles.config("postgres-sink.json")),
                db.name());
        return c;
    }

    private static void assertRunning(String connector) throws Exception {
        JsonNode status = rest.get("/connectors/" + connector + "/status").body();
        assertThat(status.at("/connector/state").asText()).as(status.toString()).isEqualTo("RUNNING");
        assertThat(status.get("tasks")).as(status.toString()).isNotEmpty();
        status.get("tasks").forEach(t -> assertThat(t.get("state").asText()).as(status.toString()).isEqualTo("RUNNING"));
    }

    private static void awaitHead(String name, long version) throws Exception {
        awaitHead(name, version, "delta-source", "postgres-sink");
    }

    private static void awaitHead(String name, long version, String source, String sink) throws Exception {
        Instant deadline = Instant.now().plus(SYNC_TIMEOUT);
        long head = -2;
        while (Instant.now().isBefore(deadline)) {
            head = head(name);
            if (head >= version) {
                assertThat(head).isEqualTo(version);
                return;
            }
            if (!kafka.worker().isAlive()) {
                throw new IllegalStateException("worker died:\n" + kafka.worker().tail(60));
            }
            failIfAnyTaskFailed(source);
            failIfAnyTaskFailed(sink);
            Thread.sleep(500);
        }
        throw new AssertionError("table " + name + " head " + head + " != " + version + " after " + SYNC_TIMEOUT
                + "\nsource: " + rest.get("/connectors/" + source + "/status").raw()
                + "\nsink: " + rest.get("/connectors/" + sink + "/status").raw()
                + "\nworker log:\n" + kafka.worker().tail(60));
    }

    /** A failed task will not recover by itself: fail now, with its stack trace, instead of at the timeout. */
    private static void failIfAnyTaskFailed(String connector) throws Exception {
        JsonNode status = rest.get("/connectors/" + connector + "/status").body();
        if (status == null || status.get("tasks") == null) {
            return;
        }
        for (JsonNode task : status.get("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError(connector + " task " + task.path("id").asText() + " FAILED:\n"
                        + task.path("trace").asText());
            }
        }
    }

    private static long head(String name) throws Exception {
        try (Connection c = db.connect()) {
            if (!tableExists(c, "dl_tables")) {
                return -2;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT head_version FROM dl_tables WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -2;
                }
            }
        }
    }

    private static boolean tableExists(Connection c, String name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "public." + name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static TreeSet<String> livePaths(String name) throws Exception {
        TreeSet<String> paths = new TreeSet<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT path FROM dl_live_files WHERE table_name = ?")) { // the view: the sink's file ends may still be pending rows
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    paths.add(rs.getString(1));
                }
            }
        }
        return paths;
    }

    private static String errorsOf(JsonNode validation) {
        Map<String, String> errors = new TreeMap<>();
        validation.get("configs").forEach(c -> {
            JsonNode value = c.get("value");
            if (value.get("errors").size() > 0) {
                errors.put(value.get("name").asText(), value.get("errors").toString());
            }
        });
        return errors.toString();
    }

    /** The processes' logs outlive the temp dir, for a look after a failure (target/plain-kafka-logs). */
    private static void keepLogs(Path dir) throws IOException {
        String keep = System.getProperty("deltasql.itLogs");
        if (keep == null) {
            return;
        }
        Path target = Files.createDirectories(Path.of(keep));
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : (Iterable<Path>) logs.filter(p -> p.toString().endsWith(".log")
                    || p.toString().endsWith(".properties"))::iterator) {
                Files.copy(log, target.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path copyTable(String name, Path dir) throws IOException {
        Path src = LiveConfigs.sharedTables().resolve(name);
        Path dst = dir.resolve(name);
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = dst.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                    target.toFile().setWritable(true);
                }
            }
        }
        return dst;
    }
}
