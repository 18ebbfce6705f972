package io.deltasql.log.replay;

import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.DomainMetadata;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.action.Txn;
import java.util.List;
import java.util.Map;

/**
 * The state of a table at one version, as the protocol's reconciliation rules define it.
 *
 * @param files      live logical files, sorted by (path, dvId)
 * @param tombstones removes not followed by a re-add of the same logical file, sorted by (path, dvId)
 * @param txns       latest txn per appId
 * @param domains    live domainMetadata per domain (removed ones excluded)
 */
public record Snapshot(long version, long timestamp, Protocol protocol, Metadata metadata, List<AddFile> files,
                       List<RemoveFile> tombstones, Map<String, Txn> txns, Map<String, DomainMetadata> domains) {
    public Snapshot {
        files = List.copyOf(files);
        tombstones = List.copyOf(tombstones);
        txns = Map.copyOf(txns);
        domains = Map.copyOf(domains);
    }

    public long numFiles() {
        return files.size();
    }

    /** Sum of the live files' sizes (a file without a size counts 0). */
    public long totalSize() {
        long total = 0;
        for (AddFile f : files) {
            total += f.size() == null ? 0 : f.size();
        }
        return total;
    }
}
