package io.deltasql.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.deltasql.store.read.SnapshotStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * {@code deltasql snapshot --format=json} written as the store streams it: the head's fields, then
 * one file at a time, never the whole document in memory (issue #18: a 1M-file snapshot in a 256 MB
 * heap). Byte for byte what {@link Json#pretty} prints for the same {@link SnapshotDocument}; the
 * fields come in {@code SnapshotDocument}'s order, the files in the order the store sends them,
 * which is the document's (path, then DV id, code-point order).
 */
public final class SnapshotJsonWriter implements SnapshotStream {
    private final Writer out;
    private final JsonGenerator g;

    public SnapshotJsonWriter(Writer out) {
        this.out = out;
        this.g = Json.prettyGenerator(out);
    }

    @Override
    public void head(Head head) {
        SnapshotDocument d = Snapshots.headOf(head);
        try {
            g.writeStartObject();
            g.writeNumberField("version", d.version());
            g.writeFieldName("minReaderVersion");
            g.writeObject(d.minReaderVersion());
            g.writeFieldName("minWriterVersion");
            g.writeObject(d.minWriterVersion());
            g.writeFieldName("readerFeatures");
            g.writeObject(d.readerFeatures());
            g.writeFieldName("writerFeatures");
            g.writeObject(d.writerFeatures());
            g.writeFieldName("schemaString");
            g.writeObject(d.schemaString());
            g.writeFieldName("partitionColumns");
            g.writeObject(d.partitionColumns());
            g.writeFieldName("configuration");
            g.writeObject(d.configuration());
            g.writeNumberField("numFiles", d.numFiles());
            g.writeNumberField("totalSize", d.totalSize());
            g.writeArrayFieldStart("files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void file(String path, long size, String dvId) {
        try {
            g.writeStartObject();
            g.writeStringField("path", path);
            g.writeNumberField("size", size);
            if (dvId != null) {
                g.writeStringField("deletionVectorUniqueId", dvId);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the document (after the last file) with the final newline {@link Json#pretty} adds, and flushes. */
    public void finish() {
        try {
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
