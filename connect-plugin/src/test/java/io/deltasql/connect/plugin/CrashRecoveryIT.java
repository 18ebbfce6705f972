package io.deltasql.connect.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deltasql.testing.PgDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Connect worker killed with SIGKILL, as a crash, with the settings the project ships
 * ({@code docker/connect-distributed.properties}, {@code config/*.json}): one worker killed and started again;
 * two workers, the one running the sink task killed and the other taking over. A legacy writer appends 4
 * commits per second throughout; afterwards PostgreSQL holds every version exactly once.
 *
 * <p>The times are printed ({@code RECOVERY ...}, with the load average), not asserted: speed is measured, not
 * tested. But each wait for PostgreSQL to move again gives up after {@link #RESUME_TIMEOUT}, before Kafka's
 * default 45 s consumer session (which kept the dead sink in its group, issue 17) could have let it move.
 * {@code -Ddeltasql.recovery.variant=kafka-defaults|static-membership|consumer-protocol} measures the alternatives
 * of docs/connector.md (Recovery after a crash) instead of the shipped settings.
 */
class CrashRecoveryIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration RESUME_TIMEOUT = Duration.ofSeconds(40);
    /** The alternatives are measured, whatever they take. */
    private static final Duration MEASURE_TIMEOUT = Duration.ofSeconds(400);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);
    private static final long COMMIT_PERIOD_MS = 250;

    enum Variant { SHIPPED, KAFKA_DEFAULTS, STATIC_MEMBERSHIP, CONSUMER_PROTOCOL }

    static final Variant VARIANT = Variant.valueOf(System.getProperty("deltasql.recovery.variant", "shipped")
            .toUpperCase(Locale.ROOT).replace('-', '_'));

    @TempDir
    static Path work;
    static PlainKafka kafka;
    static PgDatabase db;
    static SinkTables sink;
    static Path plugins;

    @BeforeAll
    static void start() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        PluginArchive.unzip(PluginArchive.zip(), plugins);
        db = PgDatabase.create("deltasql_connect_it");
        sink = new SinkTables(db);
        kafka = PlainKafka.startedBroker(work.resolve("kafka"), START_TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    @Test
    void aSingleWorkerKilledAndStartedAgainResumesSoonAfterItIsBack() throws Exception {
        PlainKafka.Worker worker = kafka.startWorker(workerBase(), plugins, 0, group("crash-single"), START_TIMEOUT);
        ConnectRest rest = new ConnectRest(worker.restUrl());
        try (LiveTable live = LiveTable.start("simple-table", work.resolve("single"), COMMIT_PERIOD_MS)) {
            createConnectors(rest, "single", live);
            awaitHead(rest, "single_simple", 12, CATCH_UP_TIMEOUT);

            worker.process().kill();
            Instant killed = Instant.now();
            long before = settledHead("single_simple");
            PlainKafka.Worker again = kafka.restart(worker, plugins, START_TIMEOUT);
            Instant back = Instant.now();
            rest = new ConnectRest(again.restUrl());
            awaitHead(rest, "single_simple", before + 1, resumeTimeout());
            Instant resumed = Instant.now();
            System.out.printf("RECOVERY single worker (%s): worker back %d ms after SIGKILL, PostgreSQL moved %d ms "
                    + "after the worker was back (load average %s)%n", VARIANT, ms(killed, back), ms(back, resumed), load());

            assertEveryVersionOnce(rest, "single_simple", live);
        }
    }

    @Test
    void withTwoWorkersTheSurvivorTakesOverSoonAfterTheCrash() throws Exception {
        Map<String, String> group = group("crash-multi");
        PlainKafka.Worker first = kafka.startWorker(workerBase(), plugins, 0, group, START_TIMEOUT);
        PlainKafka.Worker second = kafka.startWorker(workerBase(), plugins, 0, group, START_TIMEOUT);
        try (LiveTable live = LiveTable.start("simple-table", work.resolve("multi"), COMMIT_PERIOD_MS)) {
            createConnectors(new ConnectRest(first.restUrl()), "multi", live);
            awaitHead(new ConnectRest(first.restUrl()), "multi_simple", 12, CATCH_UP_TIMEOUT);

            String sinkWorker = taskWorker(new ConnectRest(first.restUrl()), "multi-sink");
            PlainKafka.Worker victim = sinkWorker.equals(first.id()) ? first : second;
            PlainKafka.Worker survivor = victim == first ? second : first;
            ConnectRest rest = new ConnectRest(survivor.restUrl());
            victim.process().kill();
            Instant killed = Instant.now();
            long before = settledHead("multi_simple");
            awaitHead(rest, "multi_simple", before + 1, resumeTimeout());
            Instant resumed = Instant.now();
            System.out.printf("RECOVERY two workers (%s): the sink's worker SIGKILLed, PostgreSQL moved %d ms after the "
                    + "crash on the other worker (load average %s)%n", VARIANT, ms(killed, resumed), load());
            assertThat(taskWorker(rest, "multi-sink")).isEqualTo(survivor.id());

            assertEveryVersionOnce(rest, "multi_simple", live);
        }
    }

    // -------------------------------------------------------------------------------------------------

    private static Duration resumeTimeout() {
        return VARIANT == Variant.SHIPPED ? RESUME_TIMEOUT : MEASURE_TIMEOUT;
    }

    /** docker/connect-distributed.properties, as shipped (or without what the project adds, for kafka-defaults). */
    private static Map<String, String> workerBase() {
        Map<String, String> base = ProjectFiles.properties(ProjectFiles.docker("connect-distributed.properties"));
        if (VARIANT == Variant.KAFKA_DEFAULTS) {
            base.remove("scheduled.rebalance.max.delay.ms");
        }
        return base;
    }

    /** A Connect group of its own (its own internal topics), so that the two tests do not meet. */
    private static Map<String, String> group(String id) {
        Map<String, String> m = new TreeMap<>();
        m.put("group.id", id);
        m.put("config.storage.topic", id + "-configs");
        m.put("offset.storage.topic", id + "-offsets");
        m.put("status.storage.topic", id + "-status");
        return m;
    }

    private static void createConnectors(ConnectRest rest, String prefix, LiveTable live) throws Exception {
        Map<String, String> source = new TreeMap<>(ProjectFiles.jsonConfig(ProjectFiles.config("delta-source.json")));
        source.put("name", prefix + "-source");
        source.put("delta.tables", prefix + "_simple=" + live.dir().toUri());
        source.put("topic.prefix", prefix);
        Map<String, String> sinkConfig = LiveConfigs.withDatabase(ProjectFiles.jsonConfig(ProjectFiles.config("postgres-sink.json")),
                db.name());
        sinkConfig.put("name", prefix + "-sink");
        sinkConfig.put("topics.regex", prefix + "\\..*");
        switch (VARIANT) {
            case KAFKA_DEFAULTS -> sinkConfig.remove("consumer.override.session.timeout.ms");
            case STATIC_MEMBERSHIP -> sinkConfig.put("consumer.override.group.instance.id", prefix + "-sink-0");
            case CONSUMER_PROTOCOL -> {
                sinkConfig.remove("consumer.override.session.timeout.ms");
                sinkConfig.put("consumer.override.group.protocol", "consumer");
            }
            default -> { }
        }
        for (Map<String, String> c : new Map[] {source, sinkConfig}) {
            ConnectRest.Response r = rest.putConnectorConfig(c.get("name"), c, START_TIMEOUT);
            assertThat(r.status()).as(r.raw()).isIn(200, 201);
        }
    }

    /** The worker running the connector's task 0, as {@code host:port}. */
    private static String taskWorker(ConnectRest rest, String connector) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = rest.get("/connectors/" + connector + "/status").body();
            if (status != null && status.path("tasks").size() > 0
                    && "RUNNING".equals(status.path("tasks").get(0).path("state").asText())) {
                return status.path("tasks").get(0).path("worker_id").asText();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(connector + " has no running task: " + rest.get("/connectors/" + connector + "/status").raw());
    }

    /** The head once it has stopped moving for a second (a COMMIT sent before the kill may still land). */
    private static long settledHead(String table) throws Exception {
        long head = sink.head(table);
        for (int stable = 0; stable < 5; ) {
            Thread.sleep(200);
            long now = sink.head(table);
            stable = now == head ? stable + 1 : 0;
            head = now;
        }
        return head;
    }

    private static void awaitHead(ConnectRest rest, String table, long version, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long head = -2;
        while (Instant.now().isBefore(deadline)) {
            head = sink.head(table);
            if (head >= version) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(table + " at " + head + ", not " + version + ", after " + timeout
                + "\nsource: " + status(rest, table.substring(0, table.indexOf('_')) + "-source")
                + "\nsink: " + status(rest, table.substring(0, table.indexOf('_')) + "-sink"));
    }

    private static String status(ConnectRest rest, String connector) {
        try {
            return rest.get("/connectors/" + connector + "/status").raw();
        } catch (Exception e) {
            return "(no answer: " + e + ")";
        }
    }

    /** The writer stops; PostgreSQL catches up and holds every version, each once, in order. */
    private static void assertEveryVersionOnce(ConnectRest rest, String table, LiveTable live) throws Exception {
        long last = live.stop();
        awaitHead(rest, table, last, CATCH_UP_TIMEOUT);
        assertThat(sink.head(table)).isEqualTo(last);
        assertThat(sink.history(table)).as("every version once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(0, last).boxed().toList());
    }

    private static long ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
