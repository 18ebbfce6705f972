package io.deltasql.cli.output;

import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.store.read.SnapshotStream;
import io.deltasql.store.validate.ComparedSnapshot;
import java.util.List;

/** The head of a snapshot (everything but its files) in the oracle's shape: a {@link SnapshotDocument} without a file list. */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * The head of a streamed snapshot as the document's fields before {@code files}: normalised as
     * {@link SnapshotDocument#normalized} does, with the store's count and total size, no file list.
     */
    public static SnapshotDocument headOf(SnapshotStream.Head h) {
        return headOf(h.version(), h.protocol(), h.metadata(), h.numFiles(), h.totalSize());
    }

    /** One side of a validation as a document's head (its count and total size, no file list). */
    public static SnapshotDocument headOf(ComparedSnapshot s) {
        return headOf(s.version(), s.protocol(), s.metadata(), s.numFiles(), s.totalSize());
    }

    private static SnapshotDocument headOf(long version, Protocol p, Metadata m, long numFiles, long totalSize) {
        SnapshotDocument d = SnapshotDocument.normalized(version,
                p == null ? null : p.minReaderVersion(), p == null ? null : p.minWriterVersion(),
                p == null ? null : p.readerFeatures(), p == null ? null : p.writerFeatures(),
                m == null ? null : m.schemaString(), m == null ? null : m.partitionColumns(),
                m == null ? null : m.configuration(), List.of());
        return new SnapshotDocument(d.version(), d.minReaderVersion(), d.minWriterVersion(), d.readerFeatures(),
                d.writerFeatures(), d.schemaString(), d.partitionColumns(), d.configuration(), numFiles, totalSize,
                List.of());
    }
}
