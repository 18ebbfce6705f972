package io.deltasql.log.checkpoint;

import static io.deltasql.log.checkpoint.CheckpointReaderSharedTablesTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LocalLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing and damaged checkpoint files give one-line CORRUPT_CHECKPOINT errors naming version and file. */
class CheckpointReaderErrorsTest {
    private static final LocalLogStorage STORAGE = new LocalLogStorage();
    private static final String CLASSIC = "00000000000000000010.checkpoint.parquet";

    @TempDir
    Path tmp;

    private Path copyLog(String table) throws IOException {
        Path src = SharedTables.root().resolve(table).resolve("_delta_log");
        Path dst = tmp.resolve(table).resolve("_delta_log");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path target = dst.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dst;
    }

    private static CheckpointFiles classic(Path log, long version, String name) throws IOException {
        return new CheckpointFiles(version, CheckpointKind.CLASSIC, List.of(LocalLogStorage.entry(log.resolve(name))));
    }

    private static void assertCorrupt(ThrowingCallable call, String file, long version) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DeltaLogException.class, e -> {
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.CORRUPT_CHECKPOINT);
            assertThat(e.getMessage()).startsWith("cannot read checkpoint version " + version + ": " + file + ": ")
                    .doesNotContain("\n");
            assertThat(e.getMessage().length()).isGreaterThan(("cannot read checkpoint version " + version + ": "
                    + file + ": ").length());
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.version()).isEqualTo(version);
        });
    }

    @Test
    void truncatedCheckpoint() throws IOException {
        Path log = copyLog("checkpoint");
        Path f = log.resolve(CLASSIC);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length / 2));
        assertCorrupt(() -> CheckpointReader.open(STORAGE, log.toString(), classic(log, 10, CLASSIC)),
                "_delta_log/" + CLASSIC, 10);
    }

    @Test
    void damagedPagesFailWhenOpenedOrStreamed() throws IOException {
        Path log = copyLog("checkpoint");
        Path f = log.resolve(CLASSIC);
        byte[] bytes = Files.readAllBytes(f);
        // Keep the footer, destroy the data pages.
        for (int i = 4; i < bytes.length / 2; i++) {
            bytes[i] = (byte) 0x5A;
        }
        Files.write(f, bytes);
        assertCorrupt(() -> readAll(CheckpointReader.open(STORAGE, log.toString(), classic(log, 10, CLASSIC))),
                "_delta_log/" + CLASSIC, 10);
    }

    @Test
    void missingCheckpointFile() throws IOException {
        Path log = copyLog("checkpoint");
        FileEntry gone = LocalLogStorage.entry(log.resolve(CLASSIC));
        Files.delete(log.resolve(CLASSIC));
        assertCorrupt(() -> CheckpointReader.open(STORAGE, log.toString(),
                new CheckpointFiles(10, CheckpointKind.CLASSIC, List.of(gone))), "_delta_log/" + CLASSIC, 10);
    }

    @Test
    void missingSidecar() throws IOException {
        Path log = copyLog("v2-checkpoint-parquet");
        Path sidecar;
        try (Stream<Path> s = Files.list(log.resolve("_sidecars"))) {
            sidecar = s.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
        Files.delete(sidecar);
        CheckpointFiles cp = SharedCheckpoints.in(log).get(0);
        assertCorrupt(() -> CheckpointReader.open(STORAGE, log.toString(), cp),
                "_delta_log/_sidecars/" + sidecar.getFileName(), 2);
        assertThatThrownBy(() -> CheckpointReader.open(STORAGE, log.toString(), cp))
                .hasMessageContaining("sidecar file is missing");
    }

    @Test
    void corruptV2JsonLineNamesTheLine() throws IOException {
        Path log = copyLog("v2-checkpoints-json-without-sidecars");
        CheckpointFiles cp = SharedCheckpoints.in(log).get(0);
        Path top = Path.of(cp.files().get(0).path());
        List<String> lines = Files.readAllLines(top);
        lines.set(2, lines.get(2).substring(0, lines.get(2).length() / 2));
        Files.write(top, lines);
        CheckpointFiles changed = new CheckpointFiles(cp.version(), cp.kind(), List.of(LocalLogStorage.entry(top)));
        assertThatThrownBy(() -> readAll(CheckpointReader.open(STORAGE, log.toString(), changed)))
                .isInstanceOfSatisfying(DeltaLogException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.CORRUPT_CHECKPOINT);
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("_delta_log/" + top.getFileName() + ": line 3: ")
                            .doesNotContain("\n");
                });
    }

    @Test
    void absoluteSidecarPathsResolve() throws IOException {
        Path log = copyLog("v2-checkpoint-json");
        CheckpointFiles cp = SharedCheckpoints.in(log).get(0);
        Path top = Path.of(cp.files().get(0).path());
        String sidecars = log.resolve("_sidecars").toUri().toString();
        String text = Files.readString(top).replace("\"path\":\"00000000000000000002.checkpoint.",
                "\"path\":\"" + sidecars + "00000000000000000002.checkpoint.");
        assertThat(text).contains("file:/");
        Files.writeString(top, text);
        CheckpointFiles changed = new CheckpointFiles(cp.version(), cp.kind(), List.of(LocalLogStorage.entry(top)));
        List<Action> actions = readAll(CheckpointReader.open(STORAGE, log.toString(), changed));
        assertThat(actions.stream().filter(AddFile.class::isInstance)).hasSize(4);
    }

    @Test
    void closingMidwayReleasesAndReopenStartsOver() throws IOException {
        Path log = SharedTables.root().resolve("table-with-domain-metadata").resolve("_delta_log");
        CheckpointData data = CheckpointReader.open(STORAGE, log.toString(), SharedCheckpoints.find("table-with-domain-metadata", 108));
        Action first;
        try (CloseableIterator<Action> it = data.actions().open()) {
            first = it.next();
            it.next();
        }
        try (CloseableIterator<Action> it = data.actions().open()) {
            assertThat(it.next()).isEqualTo(first);
        }
    }
}
