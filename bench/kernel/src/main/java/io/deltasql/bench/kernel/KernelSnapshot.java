package io.deltasql.bench.kernel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.utils.CloseableIterator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The reference of the benchmark's snapshot rows: what a program built on Delta Kernel does to get
 * a table's snapshot from {@code _delta_log} — list the log, read checkpoint and commits, replay —
 * printed in exactly the shape (and bytes) of {@code deltasql snapshot --format=json}: protocol,
 * schema, partition columns, configuration, and the live files sorted by path then DV id.
 *
 * <p>{@code KernelSnapshot TABLE [VERSION]}; {@code KernelSnapshot --version} only prints Kernel's
 * version (the start-up reference: a bare JVM that loads a Kernel class from its jar). Positional
 * arguments only, on purpose: an option parser would add its own start-up to the reference.
 */
public final class KernelSnapshot {
    private KernelSnapshot() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println("Delta Kernel " + Table.class.getPackage().getImplementationVersion());
            return;
        }
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: KernelSnapshot TABLE [VERSION] | --version");
            System.exit(2);
        }
        Long version = args.length == 2 ? Long.valueOf(args[1]) : null;
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        write(Path.of(args[0]), version, out);
        out.flush();
    }

    /** The snapshot of {@code table} at {@code version} (null: the latest) as pretty JSON plus a final newline. */
    public static void write(Path table, Long version, Writer out) throws IOException {
        Configuration conf = new Configuration();
        // No Hadoop .crc checks: some real tables carry stale ones (shared table `checkpoint`), and deltasql reads
        // the files as they are too.
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        Engine engine = DefaultEngine.create(conf);
        Table t = Table.forPath(engine, table.toAbsolutePath().toString());
        Snapshot snapshot = version == null ? t.getLatestSnapshot(engine) : t.getSnapshotAsOfVersion(engine, version);
        // Protocol and metaData have no public accessors in Kernel 4.4.0; the oracle of the shared tables reads them the same way.
        Protocol protocol = ((SnapshotImpl) snapshot).getProtocol();
        Metadata metadata = ((SnapshotImpl) snapshot).getMetadata();
        List<LiveFile> files = liveFiles(engine, snapshot);
        files.sort(Comparator.comparing(LiveFile::path).thenComparing(LiveFile::dvKey));

        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter();
        printer.indentObjectsWith(lf);
        printer.indentArraysWith(lf);
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(printer);
            g.writeStartObject();
            g.writeNumberField("version", snapshot.getVersion());
            g.writeNumberField("minReaderVersion", protocol.getMinReaderVersion());
            g.writeNumberField("minWriterVersion", protocol.getMinWriterVersion());
            stringArray(g, "readerFeatures", sorted(protocol.getReaderFeatures()));
            stringArray(g, "writerFeatures", sorted(protocol.getWriterFeatures()));
            g.writeStringField("schemaString", metadata.getSchemaString());
            stringArray(g, "partitionColumns", snapshot.getPartitionColumnNames());
            g.writeObjectFieldStart("configuration");
            for (Map.Entry<String, String> e : new TreeMap<>(metadata.getConfiguration()).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("numFiles", files.size());
            g.writeNumberField("totalSize", files.stream().mapToLong(LiveFile::size).sum());
            g.writeArrayFieldStart("files");
            for (LiveFile f : files) {
                g.writeStartObject();
                g.writeStringField("path", f.path());
                g.writeNumberField("size", f.size());
                if (f.dv() != null) {
                    g.writeStringField("deletionVectorUniqueId", f.dv());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static List<LiveFile> liveFiles(Engine engine, Snapshot snapshot) throws IOException {
        Scan scan = snapshot.getScanBuilder().build();
        List<LiveFile> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        // The add's path as the log holds it (relative, URL-encoded), not the resolved location.
                        Row add = row.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
                        String path = add.getString(add.getSchema().indexOf("path"));
                        long size = add.getLong(add.getSchema().indexOf("size"));
                        DeletionVectorDescriptor dv = InternalScanFileUtils.getDeletionVectorDescriptorFromRow(row);
                        files.add(new LiveFile(path, size, dv == null ? null : dv.getUniqueId()));
                    }
                }
            }
        }
        return files;
    }

    private static List<String> sorted(Collection<String> values) {
        List<String> list = values == null ? new ArrayList<>() : new ArrayList<>(values);
        list.sort(Comparator.naturalOrder());
        return list;
    }

    private static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private record LiveFile(String path, long size, String dv) {
        String dvKey() {
            return dv == null ? "" : dv;
        }
    }
}
