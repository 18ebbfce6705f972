package io.deltasql.log.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.TestLogs;
import io.deltasql.log.action.UnknownAction;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LocalLogStorage;
import io.deltasql.log.storage.LogStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitReaderTest {
    @TempDir
    Path dir;

    @Test
    void aTruncatedCommitFailsNamingVersionAndLine() throws Exception {
        Path table = SharedTables.copy("simple-table", dir.resolve("t"));
        Path commit = table.resolve("_delta_log/00000000000000000003.json");
        List<String> lines = Files.readAllLines(commit, StandardCharsets.UTF_8);
        assertThat(lines.size()).isGreaterThanOrEqualTo(3);
        String third = lines.get(2);
        Files.writeString(commit, lines.get(0) + "\n" + lines.get(1) + "\n" + third.substring(0, third.length() / 2),
                StandardCharsets.UTF_8);
        try (DeltaLog log = DeltaLog.openLocal(table.toString())) {
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, log::latestSnapshot);
            assertThat(e.kind()).isEqualTo(DeltaLogException.Kind.PARSE);
            assertThat(e.getMessage())
                    .startsWith("cannot parse version 3, line 3 of _delta_log/00000000000000000003.json: ")
                    .doesNotContain("\n");
            assertThat(e.version()).isEqualTo(3);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.file()).isEqualTo("_delta_log/00000000000000000003.json");
            // The same error surfaces when streaming, once the batch of version 3 is produced.
            var it = log.versions(log.plan(3, null, false));
            assertThat(catchThrowableOfType(DeltaLogException.class, it::next).line()).isEqualTo(3);
        }
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersStayTrue() throws Exception {
        TestLogs.commit(dir, 0, TestLogs.PROTOCOL, "", "   ", TestLogs.METADATA, "{\"add\":{}}");
        try (LogStorage storage = new LocalLogStorage()) {
            FileEntry f = storage.stat(dir.resolve("_delta_log/00000000000000000000.json").toString());
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> CommitReader.read(storage, f, 0));
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.getMessage()).contains("line 5").contains("'add' has no string field 'path'");
        }
    }

    @Test
    void linesEndAtLfCrLfOrALoneCrAsAReaderSplitsThem() throws Exception {
        Path log = Files.createDirectories(dir.resolve("_delta_log"));
        // CR LF, a lone CR, a blank CR LF line, then a last line with no end and a bad action
        Files.writeString(log.resolve("00000000000000000000.json"), TestLogs.PROTOCOL + "\r\n" + TestLogs.METADATA
                + "\r" + "\r\n" + "{\"add\":{}}", StandardCharsets.UTF_8);
        try (LogStorage storage = new LocalLogStorage()) {
            FileEntry f = storage.stat(log.resolve("00000000000000000000.json").toString());
            DeltaLogException e = catchThrowableOfType(DeltaLogException.class, () -> CommitReader.read(storage, f, 0));
            assertThat(e.line()).isEqualTo(4);
        }
        Files.writeString(log.resolve("00000000000000000000.json"), TestLogs.PROTOCOL + "\r\n" + TestLogs.METADATA
                + "\r", StandardCharsets.UTF_8);
        try (LogStorage storage = new LocalLogStorage()) {
            FileEntry f = storage.stat(log.resolve("00000000000000000000.json").toString());
            CommitReader.Commit c = CommitReader.read(storage, f, 0);
            assertThat(c.actions()).hasSize(2);
            assertThat(c.json()).containsExactly(TestLogs.PROTOCOL, TestLogs.METADATA);
        }
    }

    @Test
    void timestampIsInCommitTimestampElseModificationTime() throws Exception {
        TestLogs.commit(dir, 0, "{\"commitInfo\":{\"timestamp\":1,\"inCommitTimestamp\":99}}", TestLogs.PROTOCOL);
        TestLogs.commit(dir, 1, "{\"commitInfo\":{\"timestamp\":1}}");
        try (LogStorage storage = new LocalLogStorage()) {
            FileEntry f0 = storage.stat(dir.resolve("_delta_log/00000000000000000000.json").toString());
            FileEntry f1 = storage.stat(dir.resolve("_delta_log/00000000000000000001.json").toString());
            assertThat(CommitReader.read(storage, f0, 0).timestamp()).isEqualTo(99);
            assertThat(CommitReader.read(storage, f1, 1).timestamp()).isEqualTo(f1.modificationTime());
        }
    }

    @Test
    void eachActionKeepsItsLineUnlessTheLineWasSplit() throws Exception {
        String add = "{\"add\":{\"path\":\"a\",\"size\":1,\"modificationTime\":2,\"dataChange\":true,\"x\":null}}";
        String twoKeys = "{\"remove\":{\"path\":\"b\"},\"some_new_action_alongside_add_action\":[\"a\",\"1\"]}";
        TestLogs.commit(dir, 0, TestLogs.PROTOCOL, "", add, twoKeys);
        try (LogStorage storage = new LocalLogStorage()) {
            FileEntry f = storage.stat(dir.resolve("_delta_log/00000000000000000000.json").toString());
            CommitReader.Commit c = CommitReader.read(storage, f, 0);
            assertThat(c.actions()).hasSize(4);
            assertThat(c.json()).containsExactly(TestLogs.PROTOCOL, add, null, null);
        }
        try (DeltaLog log = DeltaLog.openLocal(dir.toString());
             var versions = log.versions(log.plan(0, null, false));
             var json = versions.next().actions().openJson()) {
            List<String> texts = new java.util.ArrayList<>();
            json.forEachRemaining(j -> texts.add(j.json()));
            // Split actions are serialised one by one; the others pass through untouched.
            assertThat(texts).containsExactly(TestLogs.PROTOCOL, add, "{\"remove\":{\"path\":\"b\"}}",
                    "{\"some_new_action_alongside_add_action\":[\"a\",\"1\"]}");
        }
    }

    @Test
    void aLineWithAnUnknownSiblingKeyYieldsBothActions() {
        var actions = CommitLines.parse("{\"add\":{\"path\":\"p\"},\"some_new_action_alongside_add_action\":[\"a\",\"1\"]}");
        assertThat(actions).hasSize(2);
        assertThat(actions.get(1)).isInstanceOf(UnknownAction.class);
    }
}
