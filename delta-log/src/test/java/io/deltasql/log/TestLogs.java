package io.deltasql.log;

import io.deltasql.log.listing.LogFileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes small hand-made logs for unit tests. */
public final class TestLogs {
    public static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";
    public static final String METADATA = "{\"metaData\":{\"id\":\"t\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
            + "\"schemaString\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[]}\",\"partitionColumns\":[],"
            + "\"configuration\":{},\"createdTime\":1}}";

    private TestLogs() {
    }

    public static String add(String path, long size) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{},\"size\":" + size
                + ",\"modificationTime\":1,\"dataChange\":true}}";
    }

    public static String remove(String path) {
        return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":2,\"dataChange\":true}}";
    }

    public static Path logDir(Path table) throws IOException {
        return Files.createDirectories(table.resolve("_delta_log"));
    }

    public static void commit(Path table, long version, String... lines) throws IOException {
        Files.write(logDir(table).resolve(LogFileName.commitName(version)), List.of(lines));
    }

    /** Creates an (empty, unreadable) file with the given name in {@code _delta_log/}. */
    public static void touch(Path table, String name) throws IOException {
        Files.write(logDir(table).resolve(name), new byte[] {1});
    }
}
