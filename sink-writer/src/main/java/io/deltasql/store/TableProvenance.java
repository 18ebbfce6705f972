package io.deltasql.store;

import io.deltasql.log.VersionRange;
import java.time.Instant;
import java.util.List;

/**
 * Where a table's versions came from: the last import's mode, its bounds and times, the tool, and the
 * version ranges the log lacked (a checkpoint covered them). Fields are null when never recorded.
 */
public record TableProvenance(String mode, Long lastImportedVersion, List<VersionRange> missingRanges,
                              Instant importStartedAt, Instant importFinishedAt, String toolVersion) {
    public TableProvenance {
        missingRanges = List.copyOf(missingRanges);
    }
}
