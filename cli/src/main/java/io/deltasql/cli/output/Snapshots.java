package io.deltasql.cli.output;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.replay.Snapshot;
import java.util.ArrayList;
import java.util.List;

/** Converts the log's replayed {@link Snapshot} to the oracle-shaped {@link SnapshotDocument}. */
public final class Snapshots {
    private Snapshots() {
    }

    public static SnapshotDocument of(Snapshot s) {
        Protocol p = s.protocol();
        Metadata m = s.metadata();
        List<SnapshotDocument.File> files = new ArrayList<>(s.files().size());
        for (AddFile f : s.files()) {
            files.add(new SnapshotDocument.File(f.path(), f.size() == null ? 0 : f.size(), f.dvId()));
        }
        return SnapshotDocument.normalized(s.version(),
                p == null ? null : p.minReaderVersion(), p == null ? null : p.minWriterVersion(),
                p == null ? null : p.readerFeatures(), p == null ? null : p.writerFeatures(),
                m == null ? null : m.schemaString(), m == null ? null : m.partitionColumns(),
                m == null ? null : m.configuration(), files);
    }
}
