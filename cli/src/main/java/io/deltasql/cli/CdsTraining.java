package io.deltasql.cli;

import io.deltasql.synth.SyntheticTableWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the class-data sharing archive that {@code bin/deltasql} makes after each build
 * ({@code java -XX:DumpLoadedClassList=… -cp deltasql.jar io.deltasql.cli.CdsTraining}, then
 * {@code java -Xshare:dump} of that list): it runs the
 * commands' common paths in-process so that the classes they load — the reader, checkpoints, JSON,
 * the JDBC driver up to its connection, the reports — are parsed and verified once, into the archive,
 * instead of at every start. It needs no database and leaves nothing behind: a small synthetic table
 * in a temporary directory, and a target on a closed local port, whose commands fail as they would
 * without a server.
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
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(0);
    }

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
