package io.deltasql.log.checkpoint;

import io.deltasql.log.DeltaLogException;

/** Builds the one-line CORRUPT_CHECKPOINT errors: version, file (relative to the table) and reason. */
final class CheckpointErrors {
    private static final String NEXT_STEP =
            " (restore the file from the table's storage or backup, or re-create the checkpoint with the writer)";
    /** parquet-mr names the InputFile by its toString(), e.g. "LocalInputFile@1a2b is not a Parquet file". */
    private static final java.util.regex.Pattern OBJECT_NAME = java.util.regex.Pattern.compile("^\\S+@[0-9a-f]+ ");
    private CheckpointErrors() {
    }

    static DeltaLogException corrupt(long version, String file, String reason, Integer line, Throwable cause) {
        return new DeltaLogException(DeltaLogException.Kind.CORRUPT_CHECKPOINT,
                "cannot read checkpoint version " + version + ": " + file + ": " + oneLine(reason) + NEXT_STEP,
                file, version, line, cause);
    }

    static DeltaLogException corrupt(long version, String file, Throwable cause) {
        return corrupt(version, file, reason(cause), null, cause);
    }

    /** The first line of the most telling message in the cause chain. */
    static String reason(Throwable t) {
        if (t instanceof DeltaLogException d) {
            return d.getMessage();
        }
        Throwable cur = t;
        String best = null;
        while (cur != null) {
            String m = cur.getMessage();
            if (m != null && !m.isBlank()) {
                best = cur instanceof java.io.FileNotFoundException || cur instanceof java.nio.file.NoSuchFileException
                        ? "file not found (" + m + ")" : m;
                if (!(cur.getCause() != null && m.equals(String.valueOf(cur.getCause())))) {
                    break;
                }
            }
            cur = cur.getCause();
        }
        return best != null ? best : t.getClass().getSimpleName();
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        return OBJECT_NAME.matcher(first.strip()).replaceFirst("file ");
    }

    /** {@code path} relative to the table: {@code _delta_log/...} when it lies under {@code logDir}. */
    static String displayName(String logDir, String path) {
        String dir = logDir.endsWith("/") ? logDir.substring(0, logDir.length() - 1) : logDir;
        if (path.startsWith(dir + "/")) {
            String dirName = dir.substring(dir.lastIndexOf('/') + 1);
            return dirName + path.substring(dir.length());
        }
        return path;
    }
}
