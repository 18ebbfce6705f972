package io.deltasql.connect.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A plain Apache Kafka: a single-node KRaft broker ({@code kafka.Kafka}) and a distributed Connect worker
 * ({@code ConnectDistributed}), each its own OS process on the classpath resolved by
 * {@code kafka-worker/pom.xml} (STACK-VERIFIED §2b). Ports are picked free on 127.0.0.1, so parallel runs
 * do not collide. Closing stops the worker, then the broker.
 */
final class PlainKafka implements AutoCloseable {
    private final String classpath;
    private final List<String> jvmOptions;
    private final Path dir;
    private final int brokerPort = freePort();
    private final int controllerPort = freePort();
    private final int restPort = freePort();
    private final List<JavaProcess> processes = new ArrayList<>();
    private JavaProcess broker;
    private JavaProcess worker;
    private int workers;

    PlainKafka(String classpath, Path log4j2Config, Path dir) {
        this.classpath = classpath;
        this.dir = dir;
        this.jvmOptions = List.of("-Xmx512m", "-Dlog4j2.configurationFile=" + log4j2Config.toUri(),
                "-Djava.io.tmpdir=" + dir);
    }

    /**
     * A broker started in {@code dir} on the classpath of kafka-worker/pom.xml and the log4j2 config the pom
     * names (system properties {@code kafka.worker.classpath}, {@code kafka.worker.log4j2}).
     */
    static PlainKafka startedBroker(Path dir, Duration timeout) throws IOException, InterruptedException {
        String classpath = Files.readString(Path.of(System.getProperty("kafka.worker.classpath"))).trim();
        PlainKafka kafka = new PlainKafka(classpath, Path.of(System.getProperty("kafka.worker.log4j2")),
                Files.createDirectories(dir));
        kafka.startBroker(timeout);
        return kafka;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    JavaProcess worker() {
        return worker;
    }

    JavaProcess broker() {
        return broker;
    }

    /** Formats a fresh log dir and starts the broker; returns when its listener accepts connections. */
    void startBroker(Duration timeout) throws IOException, InterruptedException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dir.resolve("kafka-logs").toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        Path config = write("server.properties", props);
        JavaProcess.run("kafka-storage-format", classpath, jvmOptions, "kafka.tools.StorageTool",
                List.of("format", "-t", clusterId(), "-c", config.toString(), "--standalone"),
                dir.resolve("storage-format.log"), timeout);
        broker = track(JavaProcess.start("kafka-broker", classpath, jvmOptions, "kafka.Kafka",
                List.of(config.toString()), dir.resolve("broker.log")));
        await("broker listening on " + bootstrapServers(), broker, timeout, () -> accepts(brokerPort));
    }

    /**
     * Starts a distributed worker from {@code base} (a worker properties file's content) with this broker,
     * a free REST port and plugins from {@code pluginPath} only; returns when REST answers.
     */
    void startWorker(Map<String, String> base, Path pluginPath, Map<String, String> overrides, Duration timeout)
            throws IOException, InterruptedException {
        worker = startWorker(base, pluginPath, restPort, overrides, timeout).process();
    }

    /** A worker process and its REST address. */
    record Worker(JavaProcess process, int port, Map<String, String> config) {
        String restUrl() {
            return "http://127.0.0.1:" + port;
        }

        /** The id Connect shows for this worker in a connector's status ({@code worker_id}). */
        String id() {
            return "127.0.0.1:" + port;
        }
    }

    /** Another worker of the same group on its own REST port ({@code port} 0: a free one); returns when REST answers. */
    Worker startWorker(Map<String, String> base, Path pluginPath, int port, Map<String, String> overrides,
                       Duration timeout) throws IOException, InterruptedException {
        int p = port == 0 ? freePort() : port;
        Map<String, String> props = new LinkedHashMap<>(base);
        props.put("bootstrap.servers", bootstrapServers());
        props.put("listeners", "http://127.0.0.1:" + p);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", String.valueOf(p));
        props.put("plugin.path", pluginPath.toString());
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.putAll(overrides);
        int n = ++workers;
        String suffix = n == 1 ? "" : "-" + n;
        Path config = write("worker" + suffix + ".properties", props);
        JavaProcess process = track(JavaProcess.start("connect-worker" + suffix, classpath, jvmOptions,
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(config.toString()),
                dir.resolve("worker" + suffix + ".log")));
        Worker w = new Worker(process, p, props);
        ConnectRest rest = new ConnectRest(w.restUrl());
        await("Connect REST at " + w.restUrl(), process, timeout, rest::isUp);
        return w;
    }

    /** The same worker again (same config and REST port) after it died: a restarted process. */
    Worker restart(Worker dead, Path pluginPath, Duration timeout) throws IOException, InterruptedException {
        return startWorker(dead.config(), pluginPath, dead.port(), Map.of(), timeout);
    }

    private JavaProcess track(JavaProcess p) {
        processes.add(p);
        return p;
    }

    private Path write(String name, Map<String, String> props) {
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file)) {
            for (Map.Entry<String, String> e : props.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Waits for {@code ready}; fails at once, with the process's output, if the process dies. */
    static void await(String what, JavaProcess process, Duration timeout, BooleanSupplier ready)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited before " + what + ":\n" + process.tail(40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no " + what + " after " + timeout + ":\n" + process.tail(40));
            }
            Thread.sleep(200);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (what StorageTool random-uuid prints). */
    private static String clusterId() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        b[0] &= 0x7f; // keep the first character out of '-' and '_' territory
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public void close() {
        // Worker first: it would otherwise spin on a vanished broker until its own timeouts.
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
