package io.deltasql.cli.output;

import io.deltasql.cli.report.DryRunEstimate;
import io.deltasql.cli.report.TimeEstimate;
import io.deltasql.cli.report.ImportStats;
import java.io.PrintWriter;
import java.util.List;

/** The human-readable forms of import and dry-run results. */
public final class TextReports {
    private TextReports() {
    }

    public static void importStats(ImportStats s, String source, String target, PrintWriter out) {
        if (s.versionsImported() == 0 && s.lastVersion() == null) {
            out.printf("Nothing imported: %s is already current.%n", target);
            out.flush();
            return;
        } else {
            out.printf("Imported %,d versions (%d to %d) of %s%n  into %s in %.1f s%n", s.versionsImported(),
                    s.firstVersion(), s.lastVersion(), source, target, s.durationSeconds());
        }
        out.printf("  actions: %,d add, %,d remove, %,d metadata, %,d protocol, %,d txn, %,d cdc, %,d other%n",
                s.addActions(), s.removeActions(), s.metadataUpdates(), s.protocolUpdates(), s.txnActions(),
                s.cdcActions(), s.otherActions());
        out.printf("  base: %s%n", base(s));
        if (!s.missingRanges().isEmpty()) {
            out.printf("  missing from the log (covered by a checkpoint): %s%n", ranges(s.missingRanges()));
        }
        out.flush();
    }

    /** What the imported versions build on, in the words of the migration guide's summary. */
    static String base(ImportStats s) {
        if (s.checkpointVersion() != null && s.checkpointVersion().equals(s.baseVersion())) {
            return "the checkpoint at version " + s.baseVersion();
        }
        if (s.baseVersion() != null && s.firstVersion() != null && s.baseVersion() < s.firstVersion()) {
            return "version " + s.baseVersion() + ", already in the table (resumed after it)";
        }
        return "version " + s.baseVersion() + ", every commit replayed (" + (s.foundCheckpointVersion() == null
                ? "no checkpoint at or before version " + s.lastVersion() : "the checkpoint at version " + s.foundCheckpointVersion() + " was not needed") + ")";
    }

    public static void dryRun(DryRunEstimate e, String source, String target, PrintWriter out) {
        out.println("Dry run: nothing was written to the database.");
        if (e.versions() == 0) {
            out.printf("Nothing to import from %s into %s.%n", source, target);
        } else {
            out.printf("Would import %,d versions (%d to %d) of %s%n  into %s%n", e.versions(), e.firstVersion(),
                    e.lastVersion(), source, target);
        }
        if (e.checkpointVersion() != null) {
            out.printf("  starting from the checkpoint at version %d%n", e.checkpointVersion());
        }
        if (!e.missingRanges().isEmpty()) {
            out.printf("  missing from the log (covered by a checkpoint): %s%n", ranges(e.missingRanges()));
        }
        out.printf("  actions: %,d add, %,d remove, %,d metadata, %,d protocol, %,d txn, %,d cdc, %,d other%n",
                e.addActions(), e.removeActions(), e.metadataUpdates(), e.protocolUpdates(), e.txnActions(),
                e.cdcActions(), e.otherActions());
        out.printf("  estimated database size: %s%n", bytes(e.estimatedDbBytes()));
        TimeEstimate t = e.estimatedSecondsParts();
        out.printf("  estimated time: %s (start %s, connection and schema %s, versions %s, actions %s, validation %s)%n",
                seconds(e.estimatedSeconds()), seconds(t.start()), seconds(t.connectAndSchema()), seconds(t.versions()),
                seconds(t.actions()), seconds(t.validation()));
        out.printf("  (estimates from %s)%n", e.estimateBasis());
        out.flush();
    }

    public static String ranges(List<List<Long>> ranges) {
        StringBuilder sb = new StringBuilder();
        for (List<Long> r : ranges) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.get(0).equals(r.get(1)) ? "" + r.get(0) : r.get(0) + "-" + r.get(1));
        }
        return "versions " + sb;
    }

    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format("%.1f %s", v, units[i]);
    }

    static String seconds(double s) {
        if (s < 60) {
            return String.format("%.1f s", s);
        }
        long total = Math.round(s);
        return total >= 3600 ? String.format("%dh%02dm", total / 3600, (total % 3600) / 60)
                : String.format("%dm%02ds", total / 60, total % 60);
    }
}
