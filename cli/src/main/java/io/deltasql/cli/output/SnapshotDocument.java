package io.deltasql.cli.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table snapshot exactly in the shape of the shared oracle's {@code expected/*.json}: feature
 * lists sorted (absent = empty), configuration keys sorted, files sorted by path then DV id.
 * {@link #normalized} enforces those rules, so whatever produced the figures, the JSON compares
 * byte for byte.
 */
@JsonPropertyOrder({"version", "minReaderVersion", "minWriterVersion", "readerFeatures", "writerFeatures",
        "schemaString", "partitionColumns", "configuration", "numFiles", "totalSize", "files"})
public record SnapshotDocument(
        long version,
        Integer minReaderVersion,
        Integer minWriterVersion,
        List<String> readerFeatures,
        List<String> writerFeatures,
        String schemaString,
        List<String> partitionColumns,
        Map<String, String> configuration,
        long numFiles,
        long totalSize,
        List<File> files) {

    @JsonPropertyOrder({"path", "size", "deletionVectorUniqueId"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record File(String path, long size, String deletionVectorUniqueId) {
        /** The DV id with "" for none, so files without a DV sort before the same path with one. */
        String dvKey() {
            return deletionVectorUniqueId == null ? "" : deletionVectorUniqueId;
        }
    }

    /** The same snapshot with the oracle's ordering and "absent list = []" rules applied. */
    public static SnapshotDocument normalized(long version, Integer minReaderVersion, Integer minWriterVersion,
                                              List<String> readerFeatures, List<String> writerFeatures,
                                              String schemaString, List<String> partitionColumns,
                                              Map<String, String> configuration, List<File> files) {
        List<File> sorted = new ArrayList<>();
        for (File f : files) {
            String dv = f.deletionVectorUniqueId() == null || f.deletionVectorUniqueId().isEmpty() ? null : f.deletionVectorUniqueId();
            sorted.add(new File(f.path(), f.size(), dv));
        }
        sorted.sort(Comparator.comparing(File::path).thenComparing(File::dvKey));
        long totalSize = sorted.stream().mapToLong(File::size).sum();
        return new SnapshotDocument(version, minReaderVersion, minWriterVersion,
                sortedCopy(readerFeatures), sortedCopy(writerFeatures), schemaString,
                partitionColumns == null ? List.of() : List.copyOf(partitionColumns),
                configuration == null ? new TreeMap<>() : new TreeMap<>(configuration),
                sorted.size(), totalSize, List.copyOf(sorted));
    }

    private static List<String> sortedCopy(List<String> list) {
        if (list == null) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(list);
        copy.sort(Comparator.naturalOrder());
        return List.copyOf(copy);
    }
}
