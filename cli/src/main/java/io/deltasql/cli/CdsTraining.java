package io.deltasql.cli;

import io.deltasql.synth.SyntheticTableWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The training run of the class-data sharing archive that {@code bin/deltasql} makes after each build
 * ({@code java -XX:DumpLoadedClassList=… -cp deltasql.jar io.deltasql.cli.CdsTraining}, then
 * {@code java -Xshare:dump} of that list): it runs the
 * commands' common paths in-process so that the classes they load — the reader, checkpoints, JSON,
 * the JDBC driver up to its connection, the reports — are parsed and verified once, into the archive,
 * instead of at every start. It needs no database and leaves nothing behind: a small synthetic table
 * in a temporary directory, imported into a SQLite file beside it (the store's read and report paths,
 * which PostgreSQL shares), and a target on a closed local port, whose commands fail as they would
 * without a server. The classes of the PostgreSQL driver that a connection and its queries load are
 * loaded by name ({@link #loadDriverClasses}): with no server, the training cannot reach them.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("deltasql-cds-");
        try {
            Path table = dir.resolve("events");
            SyntheticTableWriter.builder().versions(25).actionsPerVersion(12).checkpointInterval(10).partitions(4).seed(1).write(table);
            String closed = "deltasql://postgres/training/delta/events?host=127.0.0.1&port=" + closedPort();
            String t = table.toString();
            run("--version");
            run("--help");
            run("import", "--help");
            run("validate", t);
            run("validate", t, "--format=json");
            // The dry run stops at the refused connection as the import would; into a SQLite file that
            // does not exist (and that it does not create) it reads and estimates the whole log.
            String sqlite = "deltasql://sqlite/" + dir.resolve("training.db").toString().replace("%", "%25").replace(" ", "%20") + "/events";
            run("import", t, closed, "--dry-run");
            run("import", t, sqlite, "--dry-run");
            run("import", t, sqlite, "--dry-run", "--format=json");
            run("import", t, closed, "--progress", "none");
            run("snapshot", closed, "--format=json");
            run("info", closed);
            run("import", t, sqlite, "--progress", "none");
            run("snapshot", sqlite, "--format=json");
            run("snapshot", sqlite);
            run("info", sqlite);
            loadDriverClasses();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(0);
    }

    /**
     * The driver's packages a PostgreSQL command goes through (connecting, the protocol, result sets,
     * COPY, its types), loaded but not initialised, so that they go into the archive: measured on a
     * 15-version snapshot, ~200 classes fewer read from the jar at each start, about 0.15 s of CPU.
     * Loaded from the jar the driver comes from (deltasql.jar, or the driver's own in a test run).
     */
    static int loadDriverClasses() throws IOException {
        Path jar;
        try {
            jar = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return 0; // no jar to list: the archive only misses them
        }
        if (!Files.isRegularFile(jar)) {
            return 0;
        }
        ClassLoader loader = CdsTraining.class.getClassLoader();
        int loaded = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(file.entries())) {
                String name = e.getName();
                if (!name.endsWith(".class") || DRIVER_PACKAGES.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError skipped) {
                    // a class that needs an optional library (OSGi, GSS): not on the command paths
                }
            }
        }
        return loaded;
    }

    private static final List<String> DRIVER_PACKAGES = List.of("org/postgresql/Driver", "org/postgresql/PG",
            "org/postgresql/core/", "org/postgresql/jdbc/", "org/postgresql/util/", "org/postgresql/hostchooser/",
            "org/postgresql/copy/", "org/postgresql/geometric/", "org/postgresql/jdbcurlresolver/");

    private static void run(String... args) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Main.run(args, nowhere, nowhere, Map.of());
    }

    /** A local port nothing listens on (just released): connections to it are refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
