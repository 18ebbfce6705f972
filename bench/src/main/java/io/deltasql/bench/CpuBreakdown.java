package io.deltasql.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where a phase's CPU went: the JVM's threads grouped by what they do (the source task, its producer's
 * network thread, the sink task, the broker, the rest of the worker), the JVM's own threads (the JIT
 * compilers and the GC from {@code /proc/self/task}; "JVM other" is the rest of process CPU minus all
 * Java threads, e.g. threads that ended), and PostgreSQL's backends of the benchmark's database (read
 * from {@code /proc}, so only on Linux and only for backends alive at the end of the phase).
 */
final class CpuBreakdown {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<Long, Long> threadStart = new HashMap<>();
    private final Map<Integer, Long> backendStart;
    private final Map<String, Long> jvmStart;
    private final long processStart;

    private CpuBreakdown(Collection<Integer> backends) {
        for (long id : THREADS.getAllThreadIds()) {
            threadStart.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
        }
        backendStart = new HashMap<>();
        for (int pid : backends) {
            backendStart.put(pid, backendTicks(pid));
        }
        jvmStart = jvmThreadTicks();
        processStart = processCpu();
    }

    /** Takes the starting point; {@code backends}: PostgreSQL pids of the benchmark's database now. */
    static CpuBreakdown begin(Collection<Integer> backends) {
        return new CpuBreakdown(backends);
    }

    /** CPU seconds per group since {@link #begin}, in a fixed order, plus "postgres". */
    Map<String, Double> end(Collection<Integer> backends) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String g : new String[] {"source task", "source producer I/O", "sink task", "broker", "worker other",
            "benchmark", "JIT compiler", "GC", "JVM other"}) {
            out.put(g, 0.0);
        }
        double javaThreads = 0;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(ids[i]);
            if (now < 0) {
                continue;
            }
            double s = (now - threadStart.getOrDefault(ids[i], 0L)) / 1e9;
            javaThreads += s;
            out.merge(group(infos[i].getThreadName()), s, Double::sum);
        }
        double jvm = Math.max(0, (processCpu() - processStart) / 1e9 - javaThreads);
        Map<String, Long> jvmNow = jvmThreadTicks();
        double jit = (jvmNow.getOrDefault("JIT compiler", 0L) - jvmStart.getOrDefault("JIT compiler", 0L))
                / (double) CLOCK_TICKS_PER_SECOND;
        double gc = (jvmNow.getOrDefault("GC", 0L) - jvmStart.getOrDefault("GC", 0L)) / (double) CLOCK_TICKS_PER_SECOND;
        out.put("JIT compiler", jit);
        out.put("GC", gc);
        out.put("JVM other", Math.max(0, jvm - jit - gc));
        double pg = 0;
        for (int pid : backends) {
            long t = backendTicks(pid);
            if (t >= 0) {
                pg += (t - Math.max(0, backendStart.getOrDefault(pid, 0L))) / (double) CLOCK_TICKS_PER_SECOND;
            }
        }
        out.put("postgres", pg);
        return out;
    }

    static String group(String thread) {
        if (thread.startsWith("task-thread-")) {
            return thread.matches("task-thread-.*-source-\\d+") ? "source task" : "sink task";
        }
        if (thread.startsWith("kafka-producer-network-thread | connector-producer-")) {
            return "source producer I/O";
        }
        if (thread.equals("main")) {
            return "benchmark";
        }
        if (thread.startsWith("data-plane-") || thread.startsWith("kafka-") && !thread.startsWith("kafka-producer")
                && !thread.startsWith("kafka-admin") && !thread.startsWith("kafka-coordinator")
                || thread.startsWith("group-coordinator") || thread.startsWith("controller-")
                || thread.startsWith("broker-") || thread.startsWith("quorum-") || thread.startsWith("raft-")
                || thread.startsWith("transaction-") || thread.startsWith("share-") || thread.startsWith("executor-")
                || thread.startsWith("ExpirationReaper") || thread.startsWith("persister-")) {
            return "broker";
        }
        return "worker other";
    }

    /** "source task 3.1 s, … , postgres 2.0 s" (groups under 0.05 s left out). */
    static String format(Map<String, Double> cpu) {
        StringJoiner j = new StringJoiner(", ");
        cpu.forEach((g, s) -> {
            if (s >= 0.05) {
                j.add(String.format(Locale.ROOT, "%s %.1f s", g, s));
            }
        });
        return j.toString();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Clock ticks of the JVM's own threads (not visible to ThreadMXBean) from {@code /proc/self/task}:
     * the JIT compilers (C1, C2) and the garbage collector's threads. Empty where there is no /proc.
     */
    private static Map<String, Long> jvmThreadTicks() {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String comm;
                try {
                    comm = Files.readString(t.resolve("comm")).trim();
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String group = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "JIT compiler"
                        : comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "GC" : null;
                if (group != null) {
                    long ticks = ticks(t.resolve("stat"));
                    if (ticks > 0) {
                        out.merge(group, ticks, Long::sum);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM's share stays one figure (JVM other)
        }
        return out;
    }

    /** utime + stime of a process in clock ticks, or -1 when it is gone or /proc is not there. */
    static long backendTicks(int pid) {
        return ticks(Path.of("/proc/" + pid + "/stat"));
    }

    private static long ticks(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // The command may contain spaces and parentheses: fields are counted after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
