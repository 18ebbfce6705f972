package io.deltasql.log.listing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name in {@code _delta_log/} is, by the protocol's naming rules. Names that match no
 * rule (Hadoop {@code .xxx.crc} sidecars, {@code .s3-optimization-*} markers, Databricks files)
 * are {@link Type#OTHER} and ignored by the reader.
 */
public record LogFileName(Type type, long version, long toVersion, int part, int parts) {

    public enum Type { COMMIT, CHECKPOINT_CLASSIC, CHECKPOINT_PART, CHECKPOINT_V2_JSON, CHECKPOINT_V2_PARQUET,
        COMPACTION, CHECKSUM, LAST_CHECKPOINT, OTHER }

    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CLASSIC = Pattern.compile("(\\d{20})\\.checkpoint\\.parquet");
    private static final Pattern PART = Pattern.compile("(\\d{20})\\.checkpoint\\.(\\d{10})\\.(\\d{10})\\.parquet");
    private static final Pattern V2 = Pattern.compile(
            "(\\d{20})\\.checkpoint\\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\.(json|parquet)");
    private static final Pattern COMPACTION = Pattern.compile("(\\d{20})\\.(\\d{20})\\.compacted\\.json");
    private static final Pattern CHECKSUM = Pattern.compile("(\\d{20})\\.crc");

    private static final LogFileName OTHER = new LogFileName(Type.OTHER, -1, -1, 0, 0);

    public static LogFileName parse(String name) {
        if (name.equals("_last_checkpoint")) {
            return new LogFileName(Type.LAST_CHECKPOINT, -1, -1, 0, 0);
        }
        Matcher m;
        if ((m = COMMIT.matcher(name)).matches()) {
            return simple(Type.COMMIT, m.group(1));
        }
        if ((m = CLASSIC.matcher(name)).matches()) {
            return simple(Type.CHECKPOINT_CLASSIC, m.group(1));
        }
        if ((m = PART.matcher(name)).matches()) {
            long v = Long.parseLong(m.group(1));
            int part = Integer.parseInt(m.group(2));
            int parts = Integer.parseInt(m.group(3));
            if (part < 1 || part > parts) {
                return OTHER;
            }
            return new LogFileName(Type.CHECKPOINT_PART, v, v, part, parts);
        }
        if ((m = V2.matcher(name)).matches()) {
            return simple(m.group(2).equals("json") ? Type.CHECKPOINT_V2_JSON : Type.CHECKPOINT_V2_PARQUET, m.group(1));
        }
        if ((m = COMPACTION.matcher(name)).matches()) {
            long from = Long.parseLong(m.group(1));
            long to = Long.parseLong(m.group(2));
            return from <= to ? new LogFileName(Type.COMPACTION, from, to, 0, 0) : OTHER;
        }
        if ((m = CHECKSUM.matcher(name)).matches()) {
            return simple(Type.CHECKSUM, m.group(1));
        }
        return OTHER;
    }

    /** The file name of commit {@code version}: 20 digits + {@code .json}. */
    public static String commitName(long version) {
        return versionPrefix(version) + ".json";
    }

    /** The 20-digit zero-padded version every versioned log file name starts with. */
    public static String versionPrefix(long version) {
        if (version < 0) {
            return String.format("%020d", version);
        }
        // Called once per version read: String.format builds a Formatter and its locale's symbols each time.
        String digits = Long.toString(version);
        return "0".repeat(20 - digits.length()) + digits;
    }

    private static LogFileName simple(Type type, String digits) {
        long v = Long.parseLong(digits);
        return new LogFileName(type, v, v, 0, 0);
    }
}
