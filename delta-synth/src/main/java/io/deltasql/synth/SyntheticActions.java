package io.deltasql.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.CommitInfo;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/** The realistic-looking actions of a synthetic table: Spark-like paths, JSON stats, commitInfo. */
final class SyntheticActions {
    /** 2024-01-01T00:00:00Z; version v commits one minute after v-1, so every run is identical. */
    static final long BASE_TIME = 1_704_067_200_000L;
    static final String PARTITION_COLUMN = "event_date";
    private static final LocalDate FIRST_DATE = LocalDate.of(2024, 1, 1);
    private static final String[] NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
        "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter"};

    private SyntheticActions() {
    }

    static long commitTime(long version) {
        return BASE_TIME + version * 60_000L;
    }

    static Protocol protocol() {
        return new Protocol(1, 2, null, null, null);
    }

    static Metadata initialMetadata(long seed, int partitions) {
        SplittableRandom r = new SplittableRandom(seed);
        ObjectNode schema = ActionCodec.mapper().createObjectNode();
        schema.put("type", "struct");
        ArrayNode fields = schema.putArray("fields");
        field(fields, "id", "long");
        field(fields, "name", "string");
        field(fields, "amount", "double");
        field(fields, "ts", "timestamp");
        if (partitions > 0) {
            field(fields, PARTITION_COLUMN, "date");
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("delta.checkpointInterval", "10");
        config.put("delta.logRetentionDuration", "interval 30 days");
        return new Metadata(new UUID(r.nextLong(), r.nextLong()).toString(), "synthetic", null, "parquet", Map.of(),
                schema.toString(), partitions > 0 ? List.of(PARTITION_COLUMN) : List.of(), BASE_TIME, config, null);
    }

    /** A schema evolution at {@code version}: one more nullable column and a changed property. */
    static Metadata evolve(Metadata m, long version) {
        try {
            ObjectNode schema = (ObjectNode) ActionCodec.mapper().readTree(m.schemaString());
            field((ArrayNode) schema.get("fields"), "added_at_v" + version, "string");
            Map<String, String> config = new LinkedHashMap<>(m.configuration() == null ? Map.of() : m.configuration());
            config.put("delta.logRetentionDuration", "interval " + (30 + version % 60) + " days");
            return new Metadata(m.id(), m.name(), m.description(), m.formatProvider(), m.formatOptions(),
                    schema.toString(), m.partitionColumns(), m.createdTime(), config, m.extra());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void field(ArrayNode fields, String name, String type) {
        ObjectNode f = fields.addObject();
        f.put("name", name);
        f.put("type", type);
        f.put("nullable", true);
        f.putObject("metadata");
    }

    static AddFile add(SplittableRandom r, long version, int partitions, int fileIndex) {
        String uuid = new UUID(r.nextLong(), r.nextLong()).toString();
        String file = String.format("part-%05d-%s.c000.snappy.parquet", fileIndex % 100_000, uuid);
        Map<String, String> pv = Map.of();
        String path = file;
        if (partitions > 0) {
            String date = FIRST_DATE.plusDays(r.nextInt(partitions)).toString();
            pv = Map.of(PARTITION_COLUMN, date);
            path = PARTITION_COLUMN + "=" + date + "/" + file;
        }
        long size = 200_000L + r.nextLong(50_000_000L);
        return new AddFile(path, pv, size, commitTime(version) - r.nextInt(30_000), true, stats(r, version),
                null, null, null, null, null, null);
    }

    /** Spark-style JSON stats (~250 characters) for the columns of the base schema. */
    static String stats(SplittableRandom r, long version) {
        long rows = 1_000 + r.nextInt(99_000);
        long minId = version * 1_000_000L + r.nextInt(500_000);
        long maxId = minId + rows;
        String minName = NAMES[r.nextInt(NAMES.length)];
        String maxName = NAMES[r.nextInt(NAMES.length)];
        if (minName.compareTo(maxName) > 0) {
            String t = minName;
            minName = maxName;
            maxName = t;
        }
        double minAmount = Math.round(r.nextDouble() * 100_00) / 100.0;
        double maxAmount = minAmount + Math.round(r.nextDouble() * 900_000) / 100.0;
        long t0 = commitTime(version) - 3_600_000L - r.nextInt(3_600_000);
        String minTs = Instant.ofEpochMilli(t0).toString();
        String maxTs = Instant.ofEpochMilli(t0 + r.nextInt(3_600_000)).toString();
        StringBuilder s = new StringBuilder(280);
        s.append("{\"numRecords\":").append(rows)
                .append(",\"minValues\":{\"id\":").append(minId).append(",\"name\":\"").append(minName)
                .append("\",\"amount\":").append(minAmount).append(",\"ts\":\"").append(minTs).append("\"}")
                .append(",\"maxValues\":{\"id\":").append(maxId).append(",\"name\":\"").append(maxName)
                .append("\",\"amount\":").append(maxAmount).append(",\"ts\":\"").append(maxTs).append("\"}")
                .append(",\"nullCount\":{\"id\":0,\"name\":").append(r.nextInt(20))
                .append(",\"amount\":").append(r.nextInt(5)).append(",\"ts\":0}")
                .append(",\"tightBounds\":true}");
        return s.toString();
    }

    static RemoveFile remove(AddFile a, long version) {
        return new RemoveFile(a.path(), commitTime(version), true, true, a.partitionValues(), a.size(), null, null,
                null, null, null, null);
    }

    static CommitInfo commitInfo(long version, String operation, boolean blindAppend, int adds, int removes,
                                 List<String> partitionColumns) {
        ObjectNode extra = ActionCodec.mapper().createObjectNode();
        ObjectNode params = extra.putObject("operationParameters");
        params.put("mode", "Append");
        params.put("partitionBy", partitionColumns.isEmpty() ? "[]" : "[\"" + String.join("\",\"", partitionColumns) + "\"]");
        if (version > 0) {
            extra.put("readVersion", version - 1);
        }
        extra.put("isolationLevel", "Serializable");
        extra.put("isBlindAppend", blindAppend);
        ObjectNode metrics = extra.putObject("operationMetrics");
        metrics.put("numFiles", Integer.toString(adds));
        metrics.put("numRemovedFiles", Integer.toString(removes));
        extra.put("engineInfo", "deltasql-synthetic/1");
        extra.put("txnId", new UUID(version, 42L).toString());
        return new CommitInfo(commitTime(version), null, operation, extra);
    }

    static JsonNode lastCheckpoint(long version, long rows, long bytes, long adds) {
        ObjectNode o = ActionCodec.mapper().createObjectNode();
        o.put("version", version);
        o.put("size", rows);
        o.put("sizeInBytes", bytes);
        o.put("numOfAddFiles", adds);
        return o;
    }
}
