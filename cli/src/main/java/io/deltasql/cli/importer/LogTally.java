package io.deltasql.cli.importer;

import io.deltasql.log.CloseableIterator;
import io.deltasql.log.VersionBatch;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a dry run counts while the planned versions stream by: versions, actions by type, and the
 * characters of text each type will store (paths, stats, partition values; other actions as their
 * JSON) — the figures the size and time estimates need. Every action is parsed, as the import parses
 * it (a damaged commit fails here too), and nothing is kept: memory is flat in the log's length.
 */
public final class LogTally {
    private final ActionCounts counts = new ActionCounts();
    private final Map<ActionType, Long> textChars = new EnumMap<>(ActionType.class);
    private long versions;

    /** Reads every version of {@code plan}. */
    public static LogTally of(DeltaLog log, VersionPlan plan) {
        LogTally tally = new LogTally();
        try (CloseableIterator<VersionBatch> batches = log.versions(plan)) {
            while (batches.hasNext()) {
                VersionBatch batch = batches.next();
                tally.versions++;
                try (CloseableIterator<Action> actions = batch.actions().open()) {
                    while (actions.hasNext()) {
                        tally.add(actions.next());
                    }
                }
            }
        }
        return tally;
    }

    private void add(Action a) {
        counts.add(a.type(), 1);
        textChars.merge(a.type(), MeasuredCosts.storedChars(textOf(a)), Long::sum);
    }

    /** The variable part of the action's rows: what makes one add take 300 bytes and another 3,000. */
    private static int textOf(Action a) {
        if (a instanceof AddFile add) {
            return len(add.path()) + len(add.stats()) + mapChars(add.partitionValues()) + mapChars(add.tags());
        }
        if (a instanceof RemoveFile remove) {
            return len(remove.path()) + len(remove.stats()) + mapChars(remove.partitionValues()) + mapChars(remove.tags());
        }
        return ActionCodec.toJson(a).length(); // a few per version: commitInfo, metaData, txn, …
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    private static int mapChars(Map<String, String> m) {
        if (m == null) {
            return 0;
        }
        int n = 0;
        for (Map.Entry<String, String> e : m.entrySet()) {
            n += len(e.getKey()) + len(e.getValue());
        }
        return n;
    }

    public long versions() {
        return versions;
    }

    public ActionCounts counts() {
        return counts;
    }

    public long textChars(ActionType type) {
        return textChars.getOrDefault(type, 0L);
    }
}
