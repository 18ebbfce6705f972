package io.deltasql.log.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.log.DeltaLogException;
import io.deltasql.log.SharedTables;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.listing.LogFileName;
import io.deltasql.log.storage.FileEntry;
import io.deltasql.log.storage.LocalLogStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner reports exactly what {@link CommitReader} reads: per action, its type and (for a
 * quickly scanned add or remove) the length of the text the built action would hold; and it fails
 * with the reader's own error, on every commit of the shared tables and on lines made to be odd.
 */
class CommitScannerTest {
    private static final String STATS = "\"{\\\"numRecords\\\":3,\\\"minValues\\\":{\\\"a\\\":\\\"x\\\\u00e9\\\"}}\"";

    @TempDir
    Path dir;

    @Test
    void everyCommitOfTheSharedTablesReadsTheSame() throws Exception {
        CommitScanner scanner = new CommitScanner();
        int commits = 0;
        for (String table : SharedTables.tableNames()) {
            Path log = SharedTables.table(table).resolve("_delta_log");
            if (!Files.isDirectory(log)) {
                continue;
            }
            try (Stream<Path> files = Files.list(log)) {
                for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).toList()) {
                    assertSame(scanner, f, table + "/" + f.getFileName());
                    commits++;
                }
            }
        }
        assertThat(commits).isGreaterThan(100);
    }

    @Test
    void oddLinesReadTheSameOrFailTheSame() throws Exception {
        String path = "\"path\":\"p=1/part-0.parquet\"";
        List<String> lines = List.of(
                "{\"add\":{" + path + ",\"partitionValues\":{\"p\":\"1\",\"q\":null},\"size\":1,\"dataChange\":true,\"stats\":" + STATS + ",\"tags\":{\"t\":\"v\"}}}",
                "  {\"remove\" : { " + path + " , \"deletionTimestamp\" : -1.5e+3 , \"partitionValues\" : { } } }  ",
                "\t{\"add\":{\"partitionValues\":{\"p\":1}," + path + ",\"stats\":null,\"tags\":[1,{\"a\":[]}]}}",
                "{\"add\":{" + path + ",\"partitionValues\":{\"p\":{\"x\":\"y\"}},\"stats\":17}}",
                "{\"add\":{" + path + ",\"deletionVector\":null,\"x\":{\"y\":[true,false,null,0,-0.25,\"\\/\\b\\f\\n\\r\\t\"]}}}",
                "{\"add\":{" + path + ",\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab\",\"offset\":1,\"sizeInBytes\":3,\"cardinality\":2}}}",
                "{\"add\":{\"path\":\"caf\u00e9/\\ud83d\\ude00.parquet\",\"stats\":\"\u00e9\"}}",
                "{\"add\":{" + path + ",\"partitionValues\":{\"p\":\"1\",\"p\":\"22\"}}}",
                "{\"add\":{\"\\u0070ath\":\"x\",\"stats\":\"s\"}}",
                "{\"add\":{" + path + "},\"sidecar_to_add\":[1]}",
                "{\"commitInfo\":{\"operation\":\"WRITE\",\"operationParameters\":{\"mode\":\"Append\"}}}",
                "{\"txn\":{\"appId\":\"a\",\"version\":3}}",
                "{\"someFutureAction\":{\"a\":1}}",
                "   ",
                "");
        check(String.join("\n", lines) + "\n");
        check(String.join("\r\n", lines));
        for (String bad : List.of(
                "{\"add\":{\"stats\":\"s\"}}",
                "{\"add\":{\"path\":3}}",
                "{\"add\":{\"path\":\"a\",\"path\":\"b\"}}",
                "{\"add\":{\"path\":\"a\",\"path\":7}}",
                "{\"add\":{\"path\":\"a\"",
                "{\"add\":{\"path\":\"a\"}} x",
                "{\"add\":{\"path\":\"a\",}}",
                "{\"add\":{\"path\":\"a\",\"size\":01}}",
                "{\"add\":{\"path\":\"a\",\"size\":1.}}",
                "{\"add\":{\"path\":\"a\",\"size\":-}}",
                "{\"add\":{\"path\":\"a\",\"size\":1e}}",
                "{\"add\":{\"path\":\"a\\x\"}}",
                "{\"add\":{\"path\":\"a\u0001\"}}",
                "{\"add\":{\"path\":\"a\",\"x\":tru}}",
                "{\"add\":{\"path\":\"a\",\"deletionVector\":{\"offset\":1}}}",
                "{\"add\":{}}",
                "{\"add\":5}",
                "{}",
                "[]",
                "{\"add\":{\"path\":\"a\",\"x\":" + "[".repeat(300) + "]".repeat(300) + "}}")) {
            check("{\"commitInfo\":{\"operation\":\"WRITE\"}}\n" + bad + "\n{\"add\":{\"path\":\"b\"}}\n");
        }
    }

    private void check(String content) throws Exception {
        Path f = dir.resolve(LogFileName.commitName(7));
        Files.writeString(f, content, StandardCharsets.UTF_8);
        assertSame(new CommitScanner(), f, content);
    }

    private static void assertSame(CommitScanner scanner, Path file, String what) throws Exception {
        LocalLogStorage storage = new LocalLogStorage();
        FileEntry entry = LocalLogStorage.entry(file);
        long version = Long.parseLong(file.getFileName().toString().substring(0, 20));
        List<String> expected = new ArrayList<>();
        try {
            for (Action a : CommitReader.read(storage, entry, version).actions()) {
                expected.add(a instanceof AddFile || a instanceof RemoveFile ? a.type() + " " + textOf(a) : a.toString());
            }
        } catch (DeltaLogException e) {
            expected.add("failed: " + e.kind() + " " + e.getMessage());
        }
        assertThat(scan(visitor -> scanner.scan(storage, entry, version, visitor))).as(what).isEqualTo(expected);
        // The same from bytes read ahead on another thread (a dry run of an object store's log).
        byte[] content = CommitScanner.readBytes(storage, entry);
        assertThat(scan(visitor -> scanner.scan(storage, entry, version, content, visitor))).as(what + " (read ahead)")
                .isEqualTo(expected);
    }

    /** What a scan reports, as {@link #assertSame} compares it with the reader's actions. */
    private static List<String> scan(java.util.function.Consumer<CommitScanner.Visitor> scan) {
        List<String> scanned = new ArrayList<>();
        try {
            scan.accept(new CommitScanner.Visitor() {
                @Override
                public void fileAction(ActionType type, int textChars) {
                    scanned.add(type + " " + textChars);
                }

                @Override
                public void action(Action a) {
                    scanned.add(a instanceof AddFile || a instanceof RemoveFile ? a.type() + " " + textOf(a) : a.toString());
                }
            });
        } catch (DeltaLogException e) {
            scanned.add("failed: " + e.kind() + " " + e.getMessage());
        }
        return scanned;
    }

    /** A dry run measures a commitInfo, metaData, txn… by its line, not by writing its JSON again. */
    @Test
    void anActionAloneOnItsLineComesWithTheLinesLength() throws Exception {
        String commitInfo = "{\"commitInfo\":{\"timestamp\":1,\"operation\":\"WRITE\",\"operationParameters\":{\"mode\":\"Append\"}}}";
        String txn = "{\"txn\":{\"appId\":\"a\",\"version\":3}}";
        Path f = dir.resolve(LogFileName.commitName(5));
        Files.writeString(f, "  " + commitInfo + " \n{\"add\":{\"path\":\"a\",\"size\":1}}\n" + txn + "\n", StandardCharsets.UTF_8);
        LocalLogStorage storage = new LocalLogStorage();
        List<String> seen = new ArrayList<>();
        new CommitScanner().scan(storage, LocalLogStorage.entry(f), 5, new CommitScanner.Visitor() {
            @Override
            public void fileAction(ActionType type, int textChars) {
                seen.add(type.toString());
            }

            @Override
            public void action(Action a) {
                seen.add(a.type() + " without its line");
            }

            @Override
            public void action(Action a, int lineChars) {
                seen.add(a.type() + " " + lineChars);
            }
        });
        assertThat(seen).containsExactly("COMMIT_INFO " + commitInfo.length(), "ADD", "TXN " + txn.length());
    }

    @Test
    void aCommitWhoseBytesCouldNotBeReadAheadFailsAsTheReaderFails() throws Exception {
        Path f = dir.resolve(LogFileName.commitName(3));
        Files.writeString(f, "{\"add\":{\"path\":\"a\"}}\n", StandardCharsets.UTF_8);
        LocalLogStorage storage = new LocalLogStorage();
        FileEntry entry = LocalLogStorage.entry(f);
        Files.delete(f); // gone after listing: the read ahead found nothing
        assertThat(CommitScanner.readBytes(storage, entry)).isNull();
        List<String> expected = new ArrayList<>();
        try {
            CommitReader.read(storage, entry, 3);
        } catch (DeltaLogException e) {
            expected.add("failed: " + e.kind() + " " + e.getMessage());
        }
        assertThat(expected).hasSize(1);
        assertThat(scan(visitor -> new CommitScanner().scan(storage, entry, 3, null, visitor))).isEqualTo(expected);
    }

    /** What the dry run counts of an add or remove (LogTally.textOf in the CLI). */
    private static int textOf(Action a) {
        if (a instanceof AddFile add) {
            return len(add.path()) + len(add.stats()) + mapChars(add.partitionValues()) + mapChars(add.tags());
        }
        RemoveFile r = (RemoveFile) a;
        return len(r.path()) + len(r.stats()) + mapChars(r.partitionValues()) + mapChars(r.tags());
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    private static int mapChars(Map<String, String> m) {
        int n = 0;
        if (m != null) {
            for (Map.Entry<String, String> e : m.entrySet()) {
                n += len(e.getKey()) + len(e.getValue());
            }
        }
        return n;
    }
}
