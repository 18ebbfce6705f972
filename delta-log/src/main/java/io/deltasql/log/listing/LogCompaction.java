package io.deltasql.log.listing;

import io.deltasql.log.storage.FileEntry;

/**
 * A log compaction file {@code from.to.compacted.json}: the reconciled actions of commits
 * {@code from..to}. An optimisation only; the reader keeps to the single commits (which must
 * still exist), so a compaction is recognised but never counted as history.
 */
public record LogCompaction(long fromVersion, long toVersion, FileEntry file) {
}
