package io.deltasql.cli.output;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.store.read.SnapshotStream;
import io.deltasql.store.read.SqlSnapshot;
import io.deltasql.store.validate.ComparedSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Converts the log's replayed {@link Snapshot} to the oracle-shaped {@link SnapshotDocument}. */
public final class Snapshots {
    private Snapshots() {
    }

    public static SnapshotDocument of(Snapshot s) {
        return of(s.version(), s.protocol(), s.metadata(), s.files());
    }

    /** The same shape read from SQL alone: what {@code deltasql snapshot} prints. */
    public static SnapshotDocument of(SqlSnapshot s) {
        return of(s.version(), s.protocol(), s.metadata(), s.files());
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
        SnapshotDocument d = of(version, p, m, List.of());
        return new SnapshotDocument(d.version(), d.minReaderVersion(), d.minWriterVersion(), d.readerFeatures(),
                d.writerFeatures(), d.schemaString(), d.partitionColumns(), d.configuration(), numFiles, totalSize,
                List.of());
    }

    private static SnapshotDocument of(long version, Protocol p, Metadata m, List<AddFile> adds) {
        List<SnapshotDocument.File> files = new ArrayList<>(adds.size());
        for (AddFile f : adds) {
            files.add(new SnapshotDocument.File(f.path(), f.size() == null ? 0 : f.size(), f.dvId()));
        }
        return SnapshotDocument.normalized(version,
                p == null ? null : p.minReaderVersion(), p == null ? null : p.minWriterVersion(),
                p == null ? null : p.readerFeatures(), p == null ? null : p.writerFeatures(),
                m == null ? null : m.schemaString(), m == null ? null : m.partitionColumns(),
                m == null ? null : m.configuration(), files);
    }
}
