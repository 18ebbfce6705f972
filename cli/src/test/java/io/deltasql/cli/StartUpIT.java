package io.deltasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What bin/deltasql does for start-up, in real processes: the class-data sharing archive is made once
 * after a build and mapped by later starts; a broken archive only costs speed; the young generation
 * is capped unless the user sizes the heap; logging is quiet by
 * default and --verbose turns on deltasql's debug lines.
 */
class StartUpIT {
    private static final Path LAUNCHER = Paths.get("..", "bin", "deltasql").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theLauncherMakesTheArchiveOnceAndLaterStartsMapIt() throws Exception {
        Cli.jar(); // built by the package phase, before this test
        Cli.Result first = launch(Map.of(), "--version");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        Path archive = archive();
        assertThat(archive).as("made after the build").exists();

        Path classes = tmp.resolve("classes.txt");
        Cli.Result second = launch(Map.of("DELTASQL_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "--help");
        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).as("made once: no note on later starts").isEmpty();
        assertThat(second.out()).contains("deltasql");
        List<String> loaded = Files.readAllLines(classes, StandardCharsets.UTF_8);
        // picocli's Java 5 class files too: only a static archive takes them.
        assertThat(loaded).anyMatch(l -> l.contains(" io.deltasql.cli.Main source: shared objects file"))
                .anyMatch(l -> l.contains(" picocli.CommandLine source: shared objects file"));

        Cli.Result off = launch(Map.of("DELTASQL_CDS", "0", "DELTASQL_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "--help");
        assertThat(off.exitCode()).isZero();
        assertThat(Files.readAllLines(classes, StandardCharsets.UTF_8))
                .noneMatch(l -> l.contains(" io.deltasql.cli.Main source: shared objects file"));
    }

    @Test
    void anArchiveTheJvmRefusesOnlyCostsSpeed() throws Exception {
        Cli.Result made = launch(Map.of(), "--version");
        assertThat(made.exitCode()).as(made.toString()).isZero();
        Path archive = archive();
        byte[] good = Files.readAllBytes(archive);
        try {
            archive.toFile().setWritable(true);
            Files.writeString(archive, "not an archive");
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(5)));
            Cli.Result run = launch(Map.of(), "validate", Cli.table("checkpoint").toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).as("silently").isEmpty();
            assertThat(run.out()).contains("HEALTHY");
        } finally {
            Files.write(archive, good);
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(5)));
        }
    }

    @Test
    void theYoungGenerationIsCappedUnlessTheUserGivesAHeapSize() throws Exception {
        assertThat(maxNewSizeMb(launch(Map.of("DELTASQL_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version")))
                .as("the launcher's cap").isEqualTo(96);
        Cli.Result small = launch(Map.of("DELTASQL_JAVA_OPTS", "-Xmx64m -XX:+PrintFlagsFinal"), "--version");
        assertThat(small.err()).as("no warning that the cap exceeds the heap").doesNotContain("MaxNewSize");
        assertThat(maxNewSizeMb(small)).as("a third of the user's heap, as ParallelGC sizes it").isBetween(20L, 22L);
    }

    private static long maxNewSizeMb(Cli.Result run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out().lines().filter(l -> l.matches("\\s*size_t MaxNewSize\\s+=.*")).findFirst()
                .map(l -> Long.parseLong(l.split("=")[1].trim().split("\\s+")[0]) >> 20)
                .orElseThrow(() -> new AssertionError("no MaxNewSize in " + run));
    }

    @Test
    void logsAreQuietByDefaultAndVerboseShowsDeltasqlsDebugLines() throws Exception {
        String table = Cli.table("checkpoint").toString();
        Cli.Result quiet = Cli.process(tmp, "validate", table);
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.err()).isEmpty();

        Cli.Result verbose = Cli.process(tmp, "validate", table, "--verbose");
        assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
        assertThat(verbose.err()).contains("DEBUG io.deltasql.cli.command.SourceLog - storage settings for");
        assertThat(verbose.out()).as("logs never go to stdout").doesNotContain("DEBUG");
    }

    private static Path archive() throws Exception {
        try (Stream<Path> files = Files.list(Cli.jar().getParent())) {
            return files.filter(p -> p.getFileName().toString().matches("deltasql-.*\\.jsa")).findFirst().orElseThrow();
        }
    }

    private Cli.Result launch(Map<String, String> env, String... args) throws Exception {
        return Cli.launch(LAUNCHER, tmp, 180, env, args);
    }
}
