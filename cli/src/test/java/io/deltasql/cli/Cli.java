package io.deltasql.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the deltasql command as a user would: in-process through {@link Main#run}, or as a real process. */
public final class Cli {
    private Cli() {
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** In-process, with captured streams; PG* variables are not inherited (targets name host and port). */
    public static Result run(String... args) {
        return runWithEnv(Map.of(), args);
    }

    /** In-process with these environment variables (PGHOST, PGPORT, …) as the only ones. */
    public static Result runWithEnv(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Result(code, out.toString(), err.toString());
    }

    /** The fat jar the package phase built (failsafe runs after it). */
    public static Path jar() {
        Path jar = Paths.get("target", "deltasql.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run 'mvn -pl cli -am verify' (it is built in the package phase)");
        }
        return jar;
    }

    /** Starts {@code java -jar deltasql.jar args} with stdout/stderr to files. */
    public static Process start(Path outFile, Path errFile, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(DEFAULT_SIGNALS);
        cmd.addAll(List.of(javaBin(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectOutput(outFile.toFile());
        pb.redirectError(errFile.toFile());
        pb.environment().remove("DELTASQL_LOG");
        return pb.start();
    }

    /** Runs the real process to the end. */
    public static Result process(Path workDir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        return finish(start(out, err, args), out, err, 120, "deltasql " + String.join(" ", args));
    }

    /**
     * Runs the launcher script ({@code bin/deltasql}) to the end, as the README starts it: in {@code workDir},
     * with {@code env} added to this environment minus the user's own launcher settings
     * ({@code DELTASQL_JAVA_OPTS}, {@code DELTASQL_CDS}), stdout and stderr read back from files there;
     * it fails after {@code timeoutSeconds}.
     */
    public static Result launch(Path launcher, Path workDir, long timeoutSeconds, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString());
        pb.command().addAll(List.of(args));
        pb.environment().remove("DELTASQL_JAVA_OPTS");
        pb.environment().remove("DELTASQL_CDS");
        pb.environment().putAll(env);
        pb.directory(workDir.toFile());
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return finish(pb.start(), out, err, timeoutSeconds, launcher + " " + String.join(" ", args));
    }

    /** Waits for {@code p} (killed, and an exception, after {@code timeoutSeconds}) and reads its output files. */
    private static Result finish(Process p, Path out, Path err, long timeoutSeconds, String what)
            throws IOException, InterruptedException {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * SIGINT and SIGTERM as a terminal gives them: a build started in the background by a
     * non-interactive shell ({@code cmd &}) inherits SIGINT ignored, and a JVM keeps an ignored
     * signal ignored, so a Ctrl-C test would see the import run to its end. GNU env restores them
     * (and execs, so the process's pid is the JVM's); without it, the command runs as it is.
     */
    private static final List<String> DEFAULT_SIGNALS = defaultSignals();

    private static List<String> defaultSignals() {
        List<String> env = List.of("/usr/bin/env", "--default-signal=INT,TERM");
        try {
            List<String> probe = new ArrayList<>(env);
            probe.add("true");
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? env : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    static String javaBin() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The shared, read-only Delta tables (system property from the parent pom, else ../shared/delta-tables). */
    public static Path sharedTables() {
        String prop = System.getProperty("deltasql.sharedTables");
        Path p = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared", "delta-tables");
        if (!Files.isDirectory(p)) {
            p = Paths.get("").toAbsolutePath().getParent().getParent().resolve("shared" + File.separator + "delta-tables");
        }
        return p.toAbsolutePath().normalize();
    }

    public static Path table(String name) {
        return sharedTables().resolve(name);
    }

    public static String expected(String file) throws IOException {
        return Files.readString(sharedTables().resolve("expected").resolve(file), StandardCharsets.UTF_8);
    }
}
