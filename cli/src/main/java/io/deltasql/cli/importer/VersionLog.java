package io.deltasql.cli.importer;

import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.ActionType;
import io.deltasql.store.WriteStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELTASQL_LOG=debug}: one line per version imported — its number, where it came from, its
 * actions by kind and the milliseconds the writer took to take it (with group commit the COMMIT may
 * come later, with a later version). At the default level it costs one level check per version.
 */
final class VersionLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.deltasql.import");
    private static final ActionType[] TYPES = ActionType.values();

    private final WriteStats stats;
    private final long[] before = new long[TYPES.length];

    VersionLog(WriteStats stats) {
        this.stats = stats;
        snapshot();
    }

    void applied(VersionBatch batch, long startNanos) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        StringBuilder kinds = new StringBuilder();
        for (int i = 0; i < TYPES.length; i++) {
            long n = stats.actions(TYPES[i]) - before[i];
            if (n > 0) {
                kinds.append(kinds.length() == 0 ? "" : ", ").append(n).append(' ').append(TYPES[i].name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        LOG.debug("version {} imported ({}): {} actions ({}) in {} ms", batch.version(), batch.origin(), batch.actionCount(),
                kinds.length() == 0 ? "none" : kinds, (System.nanoTime() - startNanos) / 1_000_000);
        snapshot();
    }

    private void snapshot() {
        for (int i = 0; i < TYPES.length; i++) {
            before[i] = stats.actions(TYPES[i]);
        }
    }
}
