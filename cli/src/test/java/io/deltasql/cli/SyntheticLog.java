package io.deltasql.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A larger Delta log for crash tests: JSON commits only, each adding files and removing some of the
 * previous version's, so replay has real work. Written by hand (tiny, deterministic) so the test
 * depends only on the protocol.
 */
final class SyntheticLog {
    private SyntheticLog() {
    }

    static Path write(Path dir, int versions, int addsPerVersion) throws IOException {
        Path log = dir.resolve("_delta_log");
        Files.createDirectories(log);
        long t0 = 1_700_000_000_000L;
        for (int v = 0; v < versions; v++) {
            try (Writer w = Files.newBufferedWriter(log.resolve(String.format("%020d.json", v)), StandardCharsets.UTF_8)) {
                w.write("{\"commitInfo\":{\"timestamp\":" + (t0 + v * 1000L) + ",\"operation\":\"WRITE\"}}\n");
                if (v == 0) {
                    w.write("{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n");
                    w.write("{\"metaData\":{\"id\":\"5f1e4c1a-0000-4000-8000-000000000001\",\"format\":{\"provider\":\"parquet\","
                            + "\"options\":{}},\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":"
                            + "\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},{\\\"name\\\":"
                            + "\\\"day\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}\","
                            + "\"partitionColumns\":[\"day\"],\"configuration\":{},\"createdTime\":" + t0 + "}}\n");
                }
                for (int i = 0; i < addsPerVersion; i++) {
                    w.write("{\"add\":{\"path\":\"day=" + (v % 30) + "/part-" + v + "-" + i + ".parquet\",\"partitionValues\":"
                            + "{\"day\":\"" + (v % 30) + "\"},\"size\":" + (1000 + v + i) + ",\"modificationTime\":"
                            + (t0 + v * 1000L) + ",\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":" + (10 + i) + "}\"}}\n");
                }
                if (v > 0) {
                    // Remove half of the previous version's files: the live set keeps changing.
                    for (int i = 0; i < addsPerVersion / 2; i++) {
                        w.write("{\"remove\":{\"path\":\"day=" + ((v - 1) % 30) + "/part-" + (v - 1) + "-" + i
                                + ".parquet\",\"deletionTimestamp\":" + (t0 + v * 1000L) + ",\"dataChange\":true}}\n");
                    }
                }
            }
        }
        return dir;
    }
}
