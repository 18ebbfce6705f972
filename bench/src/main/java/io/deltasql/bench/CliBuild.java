package io.deltasql.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A deltasql build under test and how a user runs it: its launcher script, or its jar with {@code java -jar}. */
record CliBuild(String name, String launcher, String java) {
    private boolean isJar() {
        return launcher.endsWith(".jar");
    }

    /** The command line of {@code deltasql args}, with {@code -Xmx heapLimit} if not null. */
    List<String> command(List<String> args, String heapLimit) {
        List<String> cmd = new ArrayList<>();
        if (isJar()) {
            cmd.add(java);
            if (heapLimit != null) {
                cmd.add("-Xmx" + heapLimit);
            }
            cmd.addAll(List.of("-jar", launcher));
        } else {
            cmd.add(launcher);
        }
        cmd.addAll(args);
        return cmd;
    }

    /** The launcher's own settings: only the heap limit, never a rebuild or whatever this shell had set (null removes). */
    Map<String, String> environment(String heapLimit) {
        Map<String, String> env = new HashMap<>();
        env.put("DELTASQL_JAVA_OPTS", isJar() || heapLimit == null ? null : "-Xmx" + heapLimit);
        env.put("DELTASQL_REBUILD", null);
        env.put("DELTASQL_LOG", null);
        env.put("DELTASQL_CDS", null);
        return env;
    }

    /** The jar it runs and the commit it was built from, for the report. */
    String describe() {
        Path launcherPath = Path.of(launcher).toAbsolutePath().normalize();
        Path root = isJar() ? launcherPath.getParent().getParent().getParent() : launcherPath.getParent().getParent();
        Path jar = isJar() ? launcherPath : root.resolve("cli/target/deltasql.jar");
        String how = isJar() ? "`java -jar " + launcher + "`" : "`" + launcher + "`";
        return how + " (" + jar + ", " + (Files.exists(jar) ? String.format(Locale.ROOT, "%.0f MB", jar.toFile().length() / 1e6)
                : "not built yet") + ", commit " + commit(root) + ")";
    }

    private static String commit(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? s : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
