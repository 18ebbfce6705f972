package io.deltasql.storage.testing;

import io.deltasql.storage.StorageSettings;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Assumptions;

/**
 * Azurite, Microsoft's Azure Storage emulator, as a child process on 127.0.0.1 (an ephemeral port),
 * installed from the npm registry into a cache directory on first use ({@code $DELTASQL_TOOLS_CACHE},
 * default {@code ~/.cache/deltasql}; {@code .ci/run} warms it). Only the Blob service runs: Hadoop's
 * ABFS talks to an account without hierarchical namespace through the Blob API. Telemetry is off, so
 * nothing leaves loopback. When {@code npm} is not installed the test is skipped with a printed reason;
 * any other failure fails the test.
 */
public final class AzuriteServer implements AutoCloseable {
    /** Azurite's well-known development account and key (public, documented by Microsoft). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public static final String VERSION = "3.35.0";
    private static final Pattern LISTENING = Pattern.compile("listens on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;
    private final List<String> output = new ArrayList<>();

    private AzuriteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Azurite (installing it first if needed), or skips the calling test when npm is absent. */
    public static AzuriteServer startOrSkip(Path workDir) throws Exception {
        Path npm = onPath("npm");
        if (npm == null) {
            String reason = "SKIPPED: npm is not installed, so Azurite (the Azure Storage emulator) cannot be installed;"
                    + " install Node.js and npm (apt-get install npm) to run the live Azure tests";
            System.out.println(reason);
            System.err.println(reason);
            Assumptions.abort(reason);
        }
        Path bin = install(npm);
        Files.createDirectories(workDir);
        Process p = new ProcessBuilder(onPath("node") == null ? bin.toString() : onPath("node").toString(),
                bin.toString(), "--blobHost", "127.0.0.1", "--blobPort", "0", "--location", workDir.toString(),
                "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                AzuriteServer server = new AzuriteServer(p, Integer.parseInt(m.group(1)));
                Thread drain = new Thread(() -> server.drain(out), "azurite-output");
                drain.setDaemon(true);
                drain.start();
                return server;
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("Azurite did not start: " + String.join(" | ", seen));
    }

    /** {@code http://127.0.0.1:<port>}: the CLI's {@code --azure-endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** {@code abfs://container@devstoreaccount1.dfs.core.windows.net} (the host is only a name: the endpoint wins). */
    public static String abfsRoot(String container) {
        return "abfs://" + container + "@" + ACCOUNT + ".dfs.core.windows.net";
    }

    /** The settings a user gives: the endpoint, the account, its key. */
    public StorageSettings settings() {
        return settings(KEY);
    }

    public StorageSettings settings(String key) {
        return StorageSettings.of(Map.of(StorageSettings.AZURE_ENDPOINT, endpoint(), StorageSettings.AZURE_ACCOUNT, ACCOUNT,
                StorageSettings.AZURE_ACCOUNT_KEY, key));
    }

    /** Creates {@code container} and copies each local table to {@code container/prefix/<name>} through ABFS. */
    public void upload(String container, String prefix, Map<String, Path> tables) throws IOException {
        try (FileSystem fs = fileSystem(container)) {
            for (Map.Entry<String, Path> t : tables.entrySet()) {
                try (Stream<Path> files = Files.walk(t.getValue())) {
                    for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                        if (Files.isRegularFile(f) && !f.getFileName().toString().endsWith(".crc")) {
                            String rel = t.getValue().relativize(f).toString().replace(File.separatorChar, '/');
                            try (var o = fs.create(blob(container, prefix, t.getKey(), rel), true)) {
                                o.write(Files.readAllBytes(f));
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Uploads commit {@code version} of a local table as a Delta writer on Azure does: to a temp name,
     * then renamed, so that a reader listing {@code _delta_log} never sees a partial or out-of-order
     * commit. ({@link #upload} re-creates every blob in directory order: a tailing reader may see
     * version N+1 before N, or a commit still empty.)
     */
    public void commit(String container, String prefix, String table, Path local, long version) throws IOException {
        String name = String.format("_delta_log/%020d.json", version);
        try (FileSystem fs = fileSystem(container)) {
            org.apache.hadoop.fs.Path tmp = blob(container, prefix, table, "_delta_log/.tmp-" + version + ".json");
            try (var o = fs.create(tmp, true)) {
                o.write(Files.readAllBytes(local.resolve(name)));
            }
            if (!fs.rename(tmp, blob(container, prefix, table, name))) {
                throw new IOException("Azurite: could not rename " + tmp + " to " + name);
            }
        }
    }

    private static org.apache.hadoop.fs.Path blob(String container, String prefix, String table, String rel) {
        return new org.apache.hadoop.fs.Path(abfsRoot(container) + "/" + prefix + "/" + table + "/" + rel);
    }

    private FileSystem fileSystem(String container) throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs.azure.abfs.endpoint", "127.0.0.1:" + port);
        conf.set("fs.azure.always.use.https", "false");
        conf.set("fs.azure.networking.library", "JDK_HTTP_URL_CONNECTION");
        conf.set("fs.azure.account.key." + ACCOUNT + ".dfs.core.windows.net", KEY);
        conf.set("fs.azure.createRemoteFileSystemDuringInitialization", "true");
        conf.set("fs.azure.account.hns.enabled", "false");
        return FileSystem.newInstance(URI.create(abfsRoot(container) + "/"), conf);
    }

    /** Stops the emulator: its port then refuses connections (an endpoint that goes away). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private void drain(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** {@code <cache>/azurite/node_modules/azurite/dist/src/blob/main.js}, installed with npm under a file lock. */
    private static Path install(Path npm) throws Exception {
        String configured = System.getenv("DELTASQL_TOOLS_CACHE");
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "deltasql");
        Path dir = cache.resolve("azurite");
        Path main = dir.resolve("node_modules/azurite/dist/src/blob/main.js");
        Files.createDirectories(dir);
        try (FileChannel lockFile = new RandomAccessFile(dir.resolve(".install.lock").toFile(), "rw").getChannel();
             FileLock lock = lockFile.lock()) {
            String installed = Files.exists(dir.resolve("node_modules/azurite/package.json"))
                    ? Files.readString(dir.resolve("node_modules/azurite/package.json")) : "";
            if (!Files.exists(main) || !installed.contains("\"version\": \"" + VERSION + "\"")) {
                System.out.println("installing azurite@" + VERSION + " from npm into " + dir + " (once; about 2 minutes)");
                Process p = new ProcessBuilder(npm.toString(), "install", "--no-audit", "--no-fund", "--loglevel=error",
                        "--prefix", dir.toString(), "azurite@" + VERSION).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.exists(main)) {
                    throw new IllegalStateException("npm install azurite@" + VERSION + " failed: " + log);
                }
            }
        }
        return main;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
