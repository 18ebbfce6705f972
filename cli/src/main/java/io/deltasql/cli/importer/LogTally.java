package io.deltasql.cli.importer;

import io.deltasql.log.Origin;
import io.deltasql.log.action.Action;
import io.deltasql.log.action.ActionCodec;
import io.deltasql.log.action.ActionType;
import io.deltasql.log.action.AddFile;
import io.deltasql.log.action.RemoveFile;
import io.deltasql.log.reader.DeltaLog;
import io.deltasql.log.reader.VersionPlan;
import java.util.Map;

/**
 * What a dry run counts while the planned versions stream by: versions, actions by type, and the
 * characters of text each type will store (paths, stats, partition values; other actions as their
 * JSON) — the figures the size and time estimates need. Every action is checked as the import reads
 * it (a damaged commit, a refused protocol fail here too) by {@link DeltaLog#scan}, which measures a
 * commit's adds and removes without building them; nothing is kept: memory is flat in the log's length.
 */
public final class LogTally implements DeltaLog.ActionScan {
    private static final ActionType[] TYPES = ActionType.values();
    private final long[] counts = new long[TYPES.length];
    private final long[] textChars = new long[TYPES.length];
    private long versions;

    /** Reads every version of {@code plan}. */
    public static LogTally of(DeltaLog log, VersionPlan plan) {
        LogTally tally = new LogTally();
        log.scan(plan, tally);
        return tally;
    }

    @Override
    public void version(long version, Origin origin) {
        versions++;
    }

    @Override
    public void fileAction(ActionType type, int chars) {
        counts[type.ordinal()]++;
        textChars[type.ordinal()] += MeasuredCosts.storedChars(chars);
    }

    @Override
    public void action(Action a) {
        action(a, -1);
    }

    /** With its line's length a commitInfo, metaData, txn… is measured without writing its JSON again. */
    @Override
    public void action(Action a, int lineChars) {
        int t = a.type().ordinal();
        counts[t]++;
        boolean file = a instanceof AddFile || a instanceof RemoveFile;
        textChars[t] += MeasuredCosts.storedChars(!file && lineChars >= 0 ? lineChars : textOf(a));
    }

    /** The variable part of the action's rows: what makes one add take 300 bytes and another 3,000. */
    private static int textOf(Action a) {
        if (a instanceof AddFile add) {
            return len(add.path()) + len(add.stats()) + mapChars(add.partitionValues()) + mapChars(add.tags());
        }
        if (a instanceof RemoveFile remove) {
            return len(remove.path()) + len(remove.stats()) + mapChars(remove.partitionValues()) + mapChars(remove.tags());
        }
        return ActionCodec.toJson(a).length(); // a checkpoint's few, or a line that held several actions
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
        ActionCounts out = new ActionCounts();
        for (ActionType t : TYPES) {
            if (counts[t.ordinal()] > 0) {
                out.add(t, counts[t.ordinal()]);
            }
        }
        return out;
    }

    public long textChars(ActionType type) {
        return textChars[type.ordinal()];
    }
}
