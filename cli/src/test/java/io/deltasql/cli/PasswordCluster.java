package io.deltasql.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of its own, made with Debian's {@code pg_createcluster} on a free port: TCP
 * connections need a password ({@code scram-sha-256} in its pg_hba.conf), SSL is off, and one login
 * role {@link #USER} has the password {@link #PASSWORD}. The machine's main server trusts every local
 * connection, so it cannot show what a user meets on a real server. {@link #close} drops the cluster.
 * {@code pg_createcluster} runs the server as the {@code postgres} user, which root cannot do with a
 * bare {@code initdb}.
 */
final class PasswordCluster implements AutoCloseable {
    static final String USER = "deltasql_it";
    static final String PASSWORD = "it-Secret-42";
    private static final String VERSION = "15";
    private static final Path PG_CREATECLUSTER = Paths.get("/usr/bin/pg_createcluster");

    private final String name;
    private final int port;

    private PasswordCluster(String name, int port) {
        this.name = name;
        this.port = port;
    }

    /** Why no cluster can be made here, or null when it can. */
    static String unavailableReason() {
        if (!Files.isExecutable(PG_CREATECLUSTER)) {
            return PG_CREATECLUSTER + " is absent (not a Debian/Ubuntu PostgreSQL install)";
        }
        if (!Files.isDirectory(Paths.get("/usr/lib/postgresql", VERSION, "bin"))) {
            return "PostgreSQL " + VERSION + " binaries are absent";
        }
        return null;
    }

    static PasswordCluster create() throws IOException, InterruptedException {
        int port = freePort();
        String name = "deltasql_it_" + port;
        PasswordCluster cluster = new PasswordCluster(name, port);
        try {
            run("pg_createcluster", VERSION, name, "-p", String.valueOf(port), "--start", "--start-conf=manual", "-q",
                    "-o", "ssl=off", "-o", "fsync=off", "-o", "shared_buffers=16MB",
                    "--", "--auth-local=trust", "--auth-host=scram-sha-256");
            // Over the Unix socket (trusted), the only way in before any role has a password.
            run("psql", "-h", "/var/run/postgresql", "-p", String.valueOf(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1",
                    "-c", "CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "'",
                    "-c", "CREATE DATABASE lake OWNER " + USER);
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** A target in database {@code lake} of this cluster; {@code query} is appended after {@code host} and {@code port}. */
    String uri(String schema, String table, String query) {
        return "deltasql://postgres/lake/" + schema + "/" + table + "?host=127.0.0.1&port=" + port + "&user=" + USER
                + (query.isEmpty() ? "" : "&" + query);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("pg_dropcluster", "--stop", VERSION, name);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + output);
        }
    }
}
