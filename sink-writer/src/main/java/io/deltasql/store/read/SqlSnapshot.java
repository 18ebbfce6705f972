package io.deltasql.store.read;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.Txn;
import java.util.List;
import java.util.Map;

/**
 * A table's state at one version as read back from PostgreSQL, shaped like delta-log's replayed
 * Snapshot so the two can be compared.
 *
 * @param timestamp the version's commit time in ms: its inCommitTimestamp where present
 * @param files     the live files, sorted by (path, dv id) in code-point order; empty from
 *                  {@link SnapshotQueries#stateAt}
 * @param txns      the latest txn per appId
 * @param domains   the live domain metadata per domain (tombstones excluded)
 */
public record SqlSnapshot(long version, long timestamp, Protocol protocol, Metadata metadata, List<AddFile> files,
                          Map<String, Txn> txns, Map<String, DomainMetadata> domains) {

    public long numFiles() {
        return files.size();
    }

    public long totalSize() {
        return files.stream().mapToLong(f -> f.size() == null ? 0 : f.size()).sum();
    }
}
