package io.deltasql.cli.validation;

import io.deltasql.cli.output.SnapshotDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the snapshot replayed from the Delta log with the one read back from SQL, check by check
 * in the guide's order. Both sides are {@link SnapshotDocument}s, so what is compared is exactly what
 * {@code deltasql snapshot} prints. Files are keyed by (path, DV id), the protocol's logical-file key.
 */
public final class SnapshotComparison {
    private SnapshotComparison() {
    }

    public static ValidationView compare(SnapshotDocument log, SnapshotDocument sql) {
        List<ValidationView.Check> checks = new ArrayList<>();
        checks.add(new ValidationView.Check("Version Match", log.version() == sql.version(),
                "delta log " + log.version() + ", SQL " + sql.version(), List.of()));
        checks.add(new ValidationView.Check("File Count", log.numFiles() == sql.numFiles(),
                log.numFiles() == sql.numFiles() ? String.format("%,d files", log.numFiles())
                        : String.format("delta log %,d files, SQL %,d", log.numFiles(), sql.numFiles()), List.of()));
        checks.add(new ValidationView.Check("Total File Size", log.totalSize() == sql.totalSize(),
                log.totalSize() == sql.totalSize() ? String.format("%,d bytes", log.totalSize())
                        : String.format("delta log %,d bytes, SQL %,d", log.totalSize(), sql.totalSize()), List.of()));

        List<String> schemaDiffs = new ArrayList<>();
        if (!Objects.equals(log.schemaString(), sql.schemaString())) {
            schemaDiffs.add("schemaString differs");
        }
        if (!log.partitionColumns().equals(sql.partitionColumns())) {
            schemaDiffs.add("partition columns: delta log " + log.partitionColumns() + ", SQL " + sql.partitionColumns());
        }
        if (!log.configuration().equals(sql.configuration())) {
            schemaDiffs.add("configuration: delta log " + log.configuration() + ", SQL " + sql.configuration());
        }
        checks.add(new ValidationView.Check("Schema", schemaDiffs.isEmpty(),
                schemaDiffs.isEmpty() ? "identical (" + log.partitionColumns().size() + " partition columns, "
                        + log.configuration().size() + " configuration keys)" : "differs", schemaDiffs));

        String logProtocol = protocol(log);
        String sqlProtocol = protocol(sql);
        boolean protocolSame = logProtocol.equals(sqlProtocol);
        checks.add(new ValidationView.Check("Protocol", protocolSame,
                protocolSame ? logProtocol : "delta log " + logProtocol + "; SQL " + sqlProtocol, List.of()));

        Set<String> logKeys = keys(log);
        Set<String> sqlKeys = keys(sql);
        List<String> pathDiffs = new ArrayList<>();
        for (String k : logKeys) {
            if (!sqlKeys.contains(k)) {
                pathDiffs.add("only in delta log: " + k);
            }
        }
        for (String k : sqlKeys) {
            if (!logKeys.contains(k)) {
                pathDiffs.add("only in SQL: " + k);
            }
        }
        checks.add(new ValidationView.Check("File Paths", pathDiffs.isEmpty(),
                pathDiffs.isEmpty() ? String.format("%,d identical (path, deletion vector) keys", logKeys.size())
                        : String.format("%,d differ", pathDiffs.size()), pathDiffs));
        return new ValidationView(log.version(), checks);
    }

    private static String protocol(SnapshotDocument s) {
        return "reader " + s.minReaderVersion() + ", writer " + s.minWriterVersion()
                + (s.readerFeatures().isEmpty() ? "" : ", reader features " + s.readerFeatures())
                + (s.writerFeatures().isEmpty() ? "" : ", writer features " + s.writerFeatures());
    }

    /** "path" or "path [dv id]"; the size goes with it, so a file whose size differs shows on both sides. */
    private static Set<String> keys(SnapshotDocument s) {
        Set<String> keys = new LinkedHashSet<>();
        for (SnapshotDocument.File f : s.files()) {
            keys.add(f.path() + (f.deletionVectorUniqueId() == null ? "" : " [dv " + f.deletionVectorUniqueId() + "]")
                    + " (" + f.size() + " bytes)");
        }
        return keys;
    }
}
