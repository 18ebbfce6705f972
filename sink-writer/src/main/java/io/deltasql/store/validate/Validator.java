package io.deltasql.store.validate;

import io.deltasql.log.VersionChecksum;
import io.deltasql.log.action.Metadata;
import io.deltasql.log.action.Protocol;
import io.deltasql.log.replay.FingerprintMap;
import io.deltasql.log.replay.LiveFileSizes;
import io.deltasql.log.replay.Snapshot;
import io.deltasql.store.read.SqlSnapshot;
import io.deltasql.store.validate.ValidationReport.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proves an import: compares the file snapshot (replayed by delta-log) with the SQL snapshot (read
 * back from the dl_* tables) on version, number of live files, total size, schema, protocol, the
 * exact set of (path, dv id) and the metadata, plus the version's .crc figures when the log has one.
 */
public final class Validator {
    /** How many differing paths a report lists per side (the counts are always complete). */
    public static final int DEFAULT_LISTED = 10;

    private Validator() {
    }

    public static ValidationReport compare(Snapshot file, SqlSnapshot sql) {
        return compare("table", ComparedSnapshot.of(file), ComparedSnapshot.of(sql), Optional.empty(), DEFAULT_LISTED);
    }

    public static ValidationReport compare(String table, Snapshot file, SqlSnapshot sql, Optional<VersionChecksum> crc) {
        return compare(table, ComparedSnapshot.of(file), ComparedSnapshot.of(sql), crc, DEFAULT_LISTED);
    }

    public static ValidationReport compare(String table, ComparedSnapshot file, ComparedSnapshot sql,
                                           Optional<VersionChecksum> crc) {
        return compare(table, file, sql, crc, DEFAULT_LISTED);
    }

    public static ValidationReport compare(String table, ComparedSnapshot file, ComparedSnapshot sql,
                                           Optional<VersionChecksum> crc, int listed) {
        List<Check> checks = new ArrayList<>();
        checks.add(same("version", file.version(), sql.version()));
        checks.add(same("live files", file.numFiles(), sql.numFiles()));
        checks.add(same("total size (bytes)", file.totalSize(), sql.totalSize()));
        checks.add(same("schema", schema(file.metadata()), schema(sql.metadata())));
        checks.add(protocol(file.protocol(), sql.protocol()));
        checks.add(fileSet(file, sql, listed));
        checks.add(fileSizes(file, sql, listed));
        checks.add(same("partition columns", partitionColumns(file.metadata()), partitionColumns(sql.metadata())));
        checks.add(same("configuration", configuration(file.metadata()), configuration(sql.metadata())));
        crc.ifPresent(c -> {
            if (c.numFiles() != null) {
                checks.add(same(".crc numFiles", c.numFiles(), sql.numFiles()));
            }
            if (c.tableSizeBytes() != null) {
                checks.add(same(".crc tableSizeBytes", c.tableSizeBytes(), sql.totalSize()));
            }
        });
        return new ValidationReport(table, file.version(), checks);
    }

    private static Check same(String name, Object fileSide, Object sqlSide) {
        boolean ok = Objects.equals(fileSide, sqlSide);
        return new Check(name, ok, String.valueOf(fileSide), String.valueOf(sqlSide), List.of());
    }

    private static Check protocol(Protocol f, Protocol s) {
        String fs = describe(f);
        String ss = describe(s);
        List<String> diffs = new ArrayList<>();
        if (f != null && s != null) {
            if (!Objects.equals(f.minReaderVersion(), s.minReaderVersion())) {
                diffs.add("minReaderVersion: log " + f.minReaderVersion() + ", sql " + s.minReaderVersion());
            }
            if (!Objects.equals(f.minWriterVersion(), s.minWriterVersion())) {
                diffs.add("minWriterVersion: log " + f.minWriterVersion() + ", sql " + s.minWriterVersion());
            }
            diffSets("reader features", features(f.readerFeatures()), features(s.readerFeatures()), diffs);
            diffSets("writer features", features(f.writerFeatures()), features(s.writerFeatures()), diffs);
        } else if (f != s) {
            diffs.add("protocol present on one side only");
        }
        return new Check("protocol", diffs.isEmpty(), fs, ss, diffs);
    }

    private static void diffSets(String what, Set<String> f, Set<String> s, List<String> out) {
        Set<String> onlyLog = new TreeSet<>(f);
        onlyLog.removeAll(s);
        Set<String> onlySql = new TreeSet<>(s);
        onlySql.removeAll(f);
        if (!onlyLog.isEmpty()) {
            out.add(what + " only in the log: " + onlyLog);
        }
        if (!onlySql.isEmpty()) {
            out.add(what + " only in sql: " + onlySql);
        }
    }

    private static Check fileSet(ComparedSnapshot log, ComparedSnapshot sql, int listed) {
        List<String> diffs = new ArrayList<>();
        listDifference("only in the log", missingFrom(log.files(), sql.files()), log, listed, diffs);
        listDifference("only in sql", missingFrom(sql.files(), log.files()), sql, listed, diffs);
        return new Check("(path, dv id) set", diffs.isEmpty(), log.files().count() + " keys", sql.files().count() + " keys", diffs);
    }

    /** The files of {@code a} that {@code b} lacks (fingerprint → size). */
    private static FingerprintMap missingFrom(LiveFileSizes a, LiveFileSizes b) {
        FingerprintMap out = new FingerprintMap();
        a.forEach((fp, size) -> {
            if (b.sizeOf(fp) < 0) {
                out.put(fp, size);
            }
        });
        return out;
    }

    /** Files on both sides whose size differs: the total's ✗ alone would not say which. */
    private static Check fileSizes(ComparedSnapshot log, ComparedSnapshot sql, int listed) {
        FingerprintMap differing = new FingerprintMap();
        long[] compared = {0};
        log.files().forEach((fp, size) -> {
            long sqlSize = sql.files().sizeOf(fp);
            if (sqlSize >= 0) {
                compared[0]++;
                if (sqlSize != size) {
                    differing.put(fp, size);
                }
            }
        });
        List<String> diffs = new ArrayList<>();
        if (differing.size() > 0) {
            diffs.add(differing.size() + " files differ in size" + (differing.size() > listed ? " (first " + listed + ")" : "") + ":");
            sql.keys().first(differing::contains, listed).forEach((name, fp) ->
                    diffs.add("  " + name + ": log " + log.files().sizeOf(fp) + ", sql " + sql.files().sizeOf(fp)));
        }
        String figure = compared[0] + " files compared";
        return new Check("file sizes", diffs.isEmpty(), figure, figure, diffs);
    }

    /** The count of {@code only}, and the first {@code listed} of them by name, as {@code side} names them. */
    private static void listDifference(String label, FingerprintMap only, ComparedSnapshot side, int listed, List<String> out) {
        if (only.size() == 0) {
            return;
        }
        out.add(only.size() + " " + label + (only.size() > listed ? " (first " + listed + ")" : "") + ":");
        side.keys().first(only::contains, listed).keySet().forEach(name -> out.add("  " + name));
    }

    private static String describe(Protocol p) {
        if (p == null) {
            return "none";
        }
        return p.minReaderVersion() + "/" + p.minWriterVersion() + " r" + features(p.readerFeatures())
                + " w" + features(p.writerFeatures());
    }

    private static Set<String> features(List<String> l) {
        return l == null ? Set.of() : new TreeSet<>(l);
    }

    private static String schema(Metadata m) {
        return m == null ? null : m.schemaString();
    }

    private static List<String> partitionColumns(Metadata m) {
        return m == null || m.partitionColumns() == null ? List.of() : m.partitionColumns();
    }

    private static Map<String, String> configuration(Metadata m) {
        return m == null || m.configuration() == null ? Map.of() : new TreeMap<>(m.configuration());
    }
}
