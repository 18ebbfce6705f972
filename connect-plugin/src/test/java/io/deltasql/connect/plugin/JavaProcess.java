package io.deltasql.connect.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started as a separate OS process with its own classpath, output (stdout and stderr) to a log
 * file. Stopped gently (SIGTERM lets Kafka shut down cleanly), then forcibly; also stopped if the test
 * JVM exits first, so a failed or interrupted run leaves no broker or worker behind.
 */
final class JavaProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Thread reaper;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static JavaProcess start(String name, String classpath, List<String> jvmOptions, String mainClass,
                             List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Only the classpath above: nothing inherited from the test JVM's environment may add jars.
        pb.environment().remove("CLASSPATH");
        pb.environment().remove("KAFKA_OPTS");
        return new JavaProcess(name, pb.start(), log);
    }

    /** Runs to completion (e.g. a storage format); fails with the output when the exit code is not 0. */
    static void run(String name, String classpath, List<String> jvmOptions, String mainClass, List<String> args,
                    Path log, Duration timeout) throws IOException, InterruptedException {
        try (JavaProcess p = start(name, classpath, jvmOptions, mainClass, args, log)) {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not finish in " + timeout + ":\n" + p.output());
            }
            if (p.process.exitValue() != 0) {
                throw new IllegalStateException(name + " exited with " + p.process.exitValue() + ":\n" + p.output());
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The last lines of the output, for failure messages. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    String name() {
        return name;
    }

    /** SIGKILL, as a crash: no shutdown hook, no clean leave from any group. Returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not die after SIGKILL");
        }
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: the process is being stopped anyway
            }
        }
    }
}
