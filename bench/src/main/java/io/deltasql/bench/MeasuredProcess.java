package io.deltasql.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One whole process, measured as a user sees it: wall time, CPU time (user + system, its threads and
 * the processes it waited for) and peak RSS from GNU time ({@code /usr/bin/time}), and the machine's
 * load average (from {@code /proc/loadavg}) before and after it.
 */
final class MeasuredProcess {
    static final Path GNU_TIME = Path.of("/usr/bin/time");

    private MeasuredProcess() {
    }

    /** What one process (or the median of several runs) took. */
    record Figures(int exit, double wall, double cpu, long rssKb, double loadBefore, double loadAfter, String error) {
        boolean ok() {
            return exit == 0;
        }

        /** "10.8 s wall, 9.2 s CPU, 512 MiB, load 0.5", or what went wrong. */
        String describe() {
            String figures = String.format(Locale.ROOT, "%s wall, %s CPU, %s, load %.1f", seconds(wall), seconds(cpu),
                    mib(rssKb), loadBefore);
            return ok() ? figures : "**failed** (" + error + ") after " + figures;
        }

        static String seconds(double s) {
            return s < 10 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.1f s", s);
        }

        static String mib(long kb) {
            return kb >= 1024 * 1024 ? String.format(Locale.ROOT, "%.2f GiB", kb / 1048576.0)
                    : String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
        }

        /** The run of median wall time; a failed run wins, so a failure is never hidden behind a median. */
        static Figures median(List<Figures> runs) {
            for (Figures f : runs) {
                if (!f.ok()) {
                    return f;
                }
            }
            List<Figures> byWall = new ArrayList<>(runs);
            byWall.sort(Comparator.comparingDouble(Figures::wall));
            double[] cpu = runs.stream().mapToDouble(Figures::cpu).sorted().toArray();
            long[] rss = runs.stream().mapToLong(Figures::rssKb).sorted().toArray();
            double[] load = runs.stream().mapToDouble(Figures::loadBefore).sorted().toArray();
            Figures m = byWall.get((byWall.size() - 1) / 2);
            int mid = (runs.size() - 1) / 2;
            return new Figures(0, m.wall, cpu[mid], rss[mid], load[mid], m.loadAfter, null);
        }
    }

    /**
     * Runs {@code command} with {@code env} added to (or, for a null value, removed from) this
     * process's environment; its stdout goes to {@code stdout} (null: discarded), its stderr to a
     * temporary file that names the error of a failed run.
     */
    static Figures run(List<String> command, Map<String, String> env, Path stdout) throws IOException, InterruptedException {
        Path timeFile = Files.createTempFile("deltasql-bench-time-", ".txt");
        Path stderr = Files.createTempFile("deltasql-bench-stderr-", ".txt");
        try {
            List<String> full = new ArrayList<>(List.of(GNU_TIME.toString(), "-o", timeFile.toString(), "-f", "%U %S %M"));
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full);
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
            pb.redirectError(stderr.toFile());
            double loadBefore = loadAverage();
            long t0 = System.nanoTime();
            Process p = pb.start();
            int exit = p.waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            double loadAfter = loadAverage();
            // GNU time writes "Command exited with non-zero status N" first when the command failed: the figures are last.
            List<String> lines = Files.readAllLines(timeFile, StandardCharsets.UTF_8);
            String[] f = lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).trim().split(" ");
            if (f.length != 3) {
                throw new IOException("no figures from " + GNU_TIME + " for " + command + ": " + lines);
            }
            return new Figures(exit, wall, Double.parseDouble(f[0]) + Double.parseDouble(f[1]), Long.parseLong(f[2]),
                    loadBefore, loadAfter, exit == 0 ? null : error(stderr, exit));
        } finally {
            Files.deleteIfExists(timeFile);
            Files.deleteIfExists(stderr);
        }
    }

    /** The machine's load average over the last minute. */
    static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    }

    /** Out of memory, or the one-line error the process printed last, with its exit code. */
    private static String error(Path stderr, int exit) throws IOException {
        // The CLI writes UTF-8 (its messages hold dashes); decoding never fails on other bytes.
        List<String> lines = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8).lines().toList();
        String last = "";
        for (String line : lines) {
            if (line.contains("OutOfMemoryError")) {
                return "out of memory, exit " + exit;
            }
            if (!line.isBlank() && !line.startsWith("\tat ") && !line.startsWith("\t...")) {
                last = line.trim();
            }
        }
        return (last.length() > 160 ? last.substring(0, 160) + "…" : last) + ", exit " + exit;
    }
}
