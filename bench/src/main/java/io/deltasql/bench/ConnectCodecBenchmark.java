package io.deltasql.bench;

import io.deltasql.bench.ReaderBenchmark.Args;
import io.deltasql.connect.metrics.SourceTableMetrics;
import io.deltasql.connect.record.VersionRecord;
import io.deltasql.connect.record.VersionRecordCodec;
import io.deltasql.connect.source.DeltaLogFeed;
import io.deltasql.connect.source.RecordSizeLimit;
import io.deltasql.connect.source.StartMode;
import io.deltasql.connect.source.TableReader;
import io.deltasql.connect.source.TableSpec;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.storage.StorageSettings;
import io.deltasql.synth.SyntheticTable;
import io.deltasql.synth.SyntheticTableWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The connector's own per-record work, without Kafka: what the source task does per action
 * ({@link TableReader#poll}: read, parse, build the record), the converters on both sides (JSON
 * with and without schemas: CPU and bytes per record), and what the sink task does per record
 * (decode, {@code ActionCodec.parse}). Timed in the benchmark thread's own CPU time, so the rates
 * hold on a loaded machine. A plain main (see docs/performance.md, "Kafka Connect").
 *
 * <p>Arguments: {@code --versions N --actions M --rounds R}.
 */
public final class ConnectCodecBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        int versions = a.intValue("--versions", 2000);
        int actions = a.intValue("--actions", 50);
        int rounds = a.intValue("--rounds", 7);
        Path dir = Files.createTempDirectory("deltasql-codec-bench-");
        try {
            SyntheticTable t = SyntheticTableWriter.builder().versions(versions).actionsPerVersion(actions)
                    .checkpointInterval(0).partitions(8).seed(42).write(dir.resolve("bulk"));
            System.out.printf(Locale.ROOT, "connector codec benchmark: Java %s, %d CPUs, load average %.1f; "
                            + "%,d actions (%d versions x %d), %d rounds, median of the rounds after the first two%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), t.actionsWritten(),
                    versions, actions, rounds);
            String location = "file://" + t.location().toAbsolutePath();
            List<SourceRecord> records = null;
            double[] source = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long c0 = cpu();
                records = readAll(location);
                source[r] = cpu() - c0;
            }
            row("source task: TableReader.poll (read + parse + record)", records.size(), source, 0);
            for (boolean schemas : new boolean[] {true, false}) {
                JsonConverter key = converter(true, schemas);
                JsonConverter value = converter(false, schemas);
                List<byte[]> keys = new ArrayList<>(records.size());
                List<byte[]> values = new ArrayList<>(records.size());
                double[] ser = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    keys.clear();
                    values.clear();
                    long c0 = cpu();
                    for (SourceRecord rec : records) {
                        keys.add(key.fromConnectData(rec.topic(), rec.keySchema(), rec.key()));
                        values.add(value.fromConnectData(rec.topic(), rec.valueSchema(), rec.value()));
                    }
                    ser[r] = cpu() - c0;
                }
                long bytes = 0;
                for (int i = 0; i < keys.size(); i++) {
                    bytes += keys.get(i).length + values.get(i).length;
                }
                String mode = schemas ? "schemas.enable=true" : "schemas.enable=false";
                row("JsonConverter " + mode + ": key + value to bytes", records.size(), ser, bytes);
                batchSizes(mode, keys, values);
                double[] de = new double[rounds];
                double[] sink = new double[rounds];
                long check = 0;
                for (int r = 0; r < rounds; r++) {
                    long c0 = cpu();
                    List<Object> decoded = new ArrayList<>(values.size());
                    for (int i = 0; i < values.size(); i++) {
                        SchemaAndValue k = key.toConnectData("t", keys.get(i));
                        SchemaAndValue v = value.toConnectData("t", values.get(i));
                        decoded.add(v.value());
                        check += k.value() == null ? 0 : 1;
                    }
                    long c1 = cpu();
                    for (Object v : decoded) {
                        VersionRecord vr = VersionRecordCodec.decode(v);
                        check += ActionCodec.parse(vr.action()).type().ordinal();
                    }
                    de[r] = c1 - c0;
                    sink[r] = cpu() - c1;
                }
                row("JsonConverter " + mode + ": key + value from bytes", records.size(), de, 0);
                row("sink task: decode + ActionCodec.parse (" + mode + ")", records.size(), sink, 0);
                if (check == 42) {
                    System.out.println(); // keeps the work observable
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static List<SourceRecord> readAll(String location) {
        TableSpec spec = new TableSpec("bulk", location);
        List<SourceRecord> out = new ArrayList<>();
        try (TableReader reader = new TableReader(spec, "t.bulk", DeltaLogFeed.open("bulk", location, StorageSettings.empty()),
                null, StartMode.FULL, 1000, null, SourceTableMetrics.unregistered("bulk"), RecordSizeLimit.from(Map.of()))) {
            List<SourceRecord> ends = new ArrayList<>();
            while (true) {
                List<SourceRecord> batch = reader.poll(2000, System.currentTimeMillis(), ends);
                if (batch.isEmpty()) {
                    return out;
                }
                out.addAll(batch);
            }
        }
    }

    /**
     * What the records take in Kafka's batches (on the wire and in the log): record batches of up to
     * 512 KiB as the source's recommended producer builds them, without and with lz4.
     */
    private static void batchSizes(String mode, List<byte[]> keys, List<byte[]> values) {
        long plain = 0;
        long lz4 = 0;
        List<SimpleRecord> batch = new ArrayList<>();
        int batchBytes = 0;
        for (int i = 0; i <= values.size(); i++) {
            if (i == values.size() || batchBytes + keys.get(i).length + values.get(i).length > 512 * 1024) {
                SimpleRecord[] r = batch.toArray(new SimpleRecord[0]);
                plain += MemoryRecords.withRecords(Compression.NONE, r).sizeInBytes();
                lz4 += MemoryRecords.withRecords(Compression.lz4().build(), r).sizeInBytes();
                batch.clear();
                batchBytes = 0;
                if (i == values.size()) {
                    break;
                }
            }
            batch.add(new SimpleRecord(0L, keys.get(i), values.get(i)));
            batchBytes += keys.get(i).length + values.get(i).length;
        }
        System.out.printf(Locale.ROOT, "| Kafka record batches of <= 512 KiB, JsonConverter %s | %,d bytes per record"
                + " uncompressed, %,d with lz4 (%.1fx) |%n", mode, plain / values.size(), lz4 / values.size(),
                (double) plain / lz4);
    }

    private static JsonConverter converter(boolean isKey, boolean schemas) {
        JsonConverter c = new JsonConverter();
        c.configure(Map.of("schemas.enable", Boolean.toString(schemas)), isKey);
        return c;
    }

    private static void row(String what, int records, double[] cpuNanos, long bytes) {
        double[] measured = Arrays.copyOfRange(cpuNanos, Math.min(2, cpuNanos.length - 1), cpuNanos.length);
        Arrays.sort(measured);
        double median = measured[measured.length / 2];
        System.out.printf(Locale.ROOT, "| %s | %,.0f records per CPU-second | %.2f µs per record |%s%n", what,
                records / (median / 1e9), median / 1e3 / records,
                bytes > 0 ? String.format(Locale.ROOT, " %,d bytes per record (key + value) |", bytes / records) : "");
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
