package io.deltasql.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A few commits after the big table's checkpoint base (the synthetic writer appends only to logs it
 * wrote from version 0): each adds {@code adds} files shaped like the base's last add and removes the
 * first file the commit before it added — so a reader that loaded one version can follow to the next.
 * Written once: a table that already has them is left as it is.
 */
final class BigTableTail {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BigTableTail() {
    }

    static void write(Path table, long base, int commits, int adds) throws IOException {
        Path log = table.resolve("_delta_log");
        if (commits < 1 || Files.exists(log.resolve(commitName(base + 1)))) {
            return;
        }
        List<String> baseLines = Files.readAllLines(log.resolve(commitName(base)), StandardCharsets.UTF_8);
        ObjectNode commitInfo = (ObjectNode) JSON.readTree(baseLines.get(0)).get("commitInfo");
        ObjectNode lastAdd = (ObjectNode) JSON.readTree(baseLines.get(1)).get("add");
        String partition = lastAdd.get("path").asText().substring(0, lastAdd.get("path").asText().indexOf('/') + 1);
        String previousFirst = null;
        for (long v = base + 1; v <= base + commits; v++) {
            long time = commitInfo.get("timestamp").asLong() + (v - base) * 60_000;
            List<String> lines = new ArrayList<>();
            ObjectNode info = commitInfo.deepCopy().put("timestamp", time).put("readVersion", v - 1);
            lines.add(JSON.writeValueAsString(JSON.createObjectNode().set("commitInfo", info)));
            if (previousFirst != null) {
                ObjectNode remove = JSON.createObjectNode().put("path", previousFirst).put("deletionTimestamp", time)
                        .put("dataChange", true);
                lines.add(JSON.writeValueAsString(JSON.createObjectNode().set("remove", remove)));
            }
            for (int i = 0; i < adds; i++) {
                String path = String.format("%stail-v%d-%05d.c000.snappy.parquet", partition, v, i);
                if (i == 0) {
                    previousFirst = path;
                }
                ObjectNode add = lastAdd.deepCopy().put("path", path).put("modificationTime", time);
                lines.add(JSON.writeValueAsString(JSON.createObjectNode().set("add", add)));
            }
            Files.write(log.resolve(commitName(v)), lines, StandardCharsets.UTF_8);
        }
    }

    private static String commitName(long version) {
        return String.format("%020d.json", version);
    }
}
