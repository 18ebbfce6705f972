package io.deltasql.cli.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What {@code deltasql info} shows of an imported table. {@code table_id} is dl_tables' key (what a
 * rollback deletes by); {@code missing_ranges} are {@code [from, to]} pairs, as in the import's statistics.
 */
@JsonPropertyOrder({"name", "table_id", "location", "head", "versions", "first_version", "commit_versions", "checkpoint_versions",
        "missing_ranges", "num_files", "total_size", "protocol", "schema_string", "partition_columns", "mode",
        "last_imported_version", "import_started_at", "import_finished_at", "tool_version"})
public record TableInfo(
        @JsonProperty("name") String name,
        @JsonProperty("table_id") String tableId,
        @JsonProperty("location") String location,
        @JsonProperty("head") long head,
        @JsonProperty("versions") long versions,
        @JsonProperty("first_version") Long firstVersion,
        @JsonProperty("commit_versions") long commitVersions,
        @JsonProperty("checkpoint_versions") long checkpointVersions,
        @JsonProperty("missing_ranges") List<List<Long>> missingRanges,
        @JsonProperty("num_files") long numFiles,
        @JsonProperty("total_size") long totalSize,
        @JsonProperty("protocol") String protocol,
        @JsonProperty("schema_string") String schemaString,
        @JsonProperty("partition_columns") List<String> partitionColumns,
        @JsonProperty("mode") String mode,
        @JsonProperty("last_imported_version") Long lastImportedVersion,
        @JsonProperty("import_started_at") String importStartedAt,
        @JsonProperty("import_finished_at") String importFinishedAt,
        @JsonProperty("tool_version") String toolVersion) {
}
