package io.deltasql.cli.validation;

import io.deltasql.cli.output.SnapshotDocument;
import io.deltasql.store.validate.ValidationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Presents sink-writer's {@link ValidationReport} in the guide's form: Version Match, File Count,
 * Total File Size, Schema, Protocol, File Paths. Pass/fail and differences come from the
 * Validator; the figures shown come from the two snapshots. A check the Validator adds later and
 * this class does not know is still shown, under its own name, so nothing is hidden.
 */
public final class GuideReport {
    private GuideReport() {
    }

    public static ValidationView of(ValidationReport report, SnapshotDocument log, SnapshotDocument sql) {
        Map<String, ValidationReport.Check> byName = new LinkedHashMap<>();
        for (ValidationReport.Check c : report.checks()) {
            byName.put(c.name(), c);
        }
        List<ValidationView.Check> out = new ArrayList<>();
        out.add(merge("Version Match", "delta log " + log.version() + ", SQL " + sql.version(), byName, "version"));
        out.add(merge("File Count", log.numFiles() == sql.numFiles() ? String.format("%,d files", log.numFiles())
                : String.format("delta log %,d files, SQL %,d", log.numFiles(), sql.numFiles()), byName, "live files", ".crc numFiles"));
        out.add(merge("Total File Size", log.totalSize() == sql.totalSize() ? String.format("%,d bytes", log.totalSize())
                : String.format("delta log %,d bytes, SQL %,d", log.totalSize(), sql.totalSize()), byName,
                "total size (bytes)", "file sizes", ".crc tableSizeBytes"));
        out.add(merge("Schema", String.format("%s (%d partition columns, %d configuration keys)",
                        log.schemaString() != null && log.schemaString().equals(sql.schemaString()) ? "identical" : "schemaString differs",
                        log.partitionColumns().size(), log.configuration().size()),
                byName, "schema", "partition columns", "configuration"));
        out.add(merge("Protocol", protocol(log) + (protocol(log).equals(protocol(sql)) ? "" : "; SQL " + protocol(sql)),
                byName, "protocol"));
        out.add(merge("File Paths", String.format("delta log %,d, SQL %,d (path, deletion vector) keys", log.numFiles(), sql.numFiles()),
                byName, "(path, dv id) set"));
        for (ValidationReport.Check rest : byName.values()) {
            out.add(new ValidationView.Check(rest.name(), rest.passed(),
                    rest.passed() ? rest.fileSide() : "delta log " + rest.fileSide() + ", SQL " + rest.sqlSide(), rest.differences()));
        }
        return new ValidationView(report.version(), out);
    }

    /** One guide line from the Validator's checks {@code names} (consumed from {@code byName}). */
    private static ValidationView.Check merge(String title, String detail, Map<String, ValidationReport.Check> byName,
                                              String... names) {
        boolean passed = true;
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            ValidationReport.Check c = byName.remove(name);
            if (c == null) {
                continue;
            }
            if (!c.passed()) {
                passed = false;
                if (c.differences().isEmpty()) {
                    differences.add(c.name() + ": delta log " + c.fileSide() + ", SQL " + c.sqlSide());
                }
            }
            differences.addAll(c.differences());
        }
        return new ValidationView.Check(title, passed, detail, differences);
    }

    private static String protocol(SnapshotDocument s) {
        return "reader " + s.minReaderVersion() + ", writer " + s.minWriterVersion()
                + (s.readerFeatures().isEmpty() ? "" : ", reader features " + s.readerFeatures())
                + (s.writerFeatures().isEmpty() ? "" : ", writer features " + s.writerFeatures());
    }
}
