package io.deltasql.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline the Connect pipeline is measured against (issue 17): {@code deltasql import} of the same log into
 * the same PostgreSQL database, run as users run it — the CLI's own jar in a JVM of its own, without the
 * validation afterwards ({@code --skip-validation}, which the connectors do not do either). Wall time from
 * process start to exit, the import time the CLI reports ({@code duration_seconds} of {@code --format=json}),
 * the CLI process's CPU and its PostgreSQL backends' CPU (sampled from {@code /proc} while it runs).
 */
final class ConnectCliBaseline {
    private static final Pattern DURATION = Pattern.compile("\"duration_seconds\"\\s*:\\s*([0-9.eE+-]+)");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** What one import took. {@code importSeconds}: as the CLI reports it (NaN when it did not say). */
    record Result(double wallSeconds, double importSeconds, double cpuSeconds, double postgresSeconds) {
    }

    private ConnectCliBaseline() {
    }

    /** Imports {@code location} as table {@code table} of {@code db} with the CLI jar; throws when it fails. */
    static Result run(Path cliJar, String location, String table, ConnectDatabase db, long timeoutMs)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(cliJar)) {
            throw new IllegalStateException("CLI jar not found: " + cliJar + " (build it: mvn -pl cli -am package -DskipTests,"
                    + " or pass --cli-jar)");
        }
        String target = db.targetUri().replaceFirst("\\?", "/public/" + table + "?");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                cliJar.toString(), "import", location, target, "--skip-validation", "--format=json", "--progress=none");
        Path out = Files.createTempFile("deltasql-cli-import-", ".out");
        long childTicks = childrenTicks();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        java.util.Set<Integer> before = new java.util.HashSet<>(db.backends()); // the benchmark's own sessions
        Map<Integer, Long[]> backends = new HashMap<>(); // pid -> {first ticks, last ticks}
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            for (int pid : db.backends()) {
                if (before.contains(pid)) {
                    continue;
                }
                long ticks = CpuBreakdown.backendTicks(pid);
                if (ticks >= 0) {
                    backends.computeIfAbsent(pid, k -> new Long[] {ticks, ticks})[1] = ticks;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("deltasql import did not finish in " + timeoutMs / 1000 + " s");
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (childrenTicks() - childTicks) / (double) CLOCK_TICKS_PER_SECOND;
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("deltasql import exited with " + p.exitValue() + ": " + output.strip());
        }
        // A backend's ticks before it was first seen belong to the import too: it connected after the start.
        double pg = backends.values().stream().mapToLong(t -> t[1]).sum() / (double) CLOCK_TICKS_PER_SECOND;
        Matcher m = DURATION.matcher(output);
        return new Result(wall, m.find() ? Double.parseDouble(m.group(1)) : Double.NaN, cpu, pg);
    }

    /** cutime + cstime of this JVM: the CPU of its children that have ended (the CLI, once waited for). */
    private static long childrenTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
