package io.deltasql.connect.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The built plugin zip (system property {@code deltasql.pluginZip}, set by the pom) and what is inside it. */
final class PluginArchive {
    private PluginArchive() {
    }

    static Path zip() {
        String prop = System.getProperty("deltasql.pluginZip");
        if (prop == null || !Files.isRegularFile(Path.of(prop))) {
            throw new IllegalStateException("plugin zip not found (" + prop + "): run mvn package on connect-plugin first");
        }
        return Path.of(prop);
    }

    /** The cloud add-on zips built beside it (system property {@code deltasql.pluginAddOns}, comma-separated). */
    static List<Path> addOns() {
        String prop = System.getProperty("deltasql.pluginAddOns", "");
        List<Path> zips = new ArrayList<>();
        for (String p : prop.split(",")) {
            if (!p.isBlank()) {
                if (!Files.isRegularFile(Path.of(p.trim()))) {
                    throw new IllegalStateException("add-on zip not found (" + p + "): run mvn package on connect-plugin first");
                }
                zips.add(Path.of(p.trim()));
            }
        }
        return zips;
    }

    /** The add-on zip whose name ends with {@code -<name>.zip}. */
    static Path addOn(String name) {
        return addOns().stream().filter(z -> z.getFileName().toString().endsWith("-" + name + ".zip")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " add-on among " + addOns()));
    }

    static String baseDirectory() {
        return System.getProperty("deltasql.pluginArchiveName", "deltasql-kafka-connect-deltasql-0.1.0-SNAPSHOT");
    }

    /** Unzips into {@code dir} as a user would into plugin.path; returns the component directory. */
    static Path unzip(Path zip, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> it = z.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("zip entry outside the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return root.resolve(baseDirectory());
    }

    /** Jars on a classpath string that hold any class under {@code io/deltasql/}. */
    static List<String> jarsWithDeltasqlClasses(String classpath) throws IOException {
        List<String> found = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                if (Files.exists(p.resolve("io/deltasql"))) {
                    found.add(entry);
                }
            } else if (Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    if (jar.stream().anyMatch(e -> e.getName().startsWith("io/deltasql/"))) {
                        found.add(entry);
                    }
                }
            }
        }
        return found;
    }
}
