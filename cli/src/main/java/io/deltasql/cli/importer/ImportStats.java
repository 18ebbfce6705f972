package io.deltasql.cli.importer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The statistics of one import run, in the JSON field names users script against (snake_case). */
@JsonPropertyOrder({"versions_imported", "add_actions", "remove_actions", "metadata_updates", "protocol_updates",
        "txn_actions", "cdc_actions", "other_actions", "first_version", "last_version", "checkpoint_version",
        "missing_ranges", "duration_seconds", "validation_passed"})
public record ImportStats(
        @JsonProperty("versions_imported") long versionsImported,
        @JsonProperty("add_actions") long addActions,
        @JsonProperty("remove_actions") long removeActions,
        @JsonProperty("metadata_updates") long metadataUpdates,
        @JsonProperty("protocol_updates") long protocolUpdates,
        @JsonProperty("txn_actions") long txnActions,
        @JsonProperty("cdc_actions") long cdcActions,
        @JsonProperty("other_actions") long otherActions,
        /* null when nothing was imported (already current) */
        @JsonProperty("first_version") Long firstVersion,
        @JsonProperty("last_version") Long lastVersion,
        /* the checkpoint the import started from or jumped to; null if none */
        @JsonProperty("checkpoint_version") Long checkpointVersion,
        /* version ranges absent from the log that a checkpoint covers, e.g. [[0, 4]] */
        @JsonProperty("missing_ranges") List<List<Long>> missingRanges,
        @JsonProperty("duration_seconds") double durationSeconds,
        /* null when --skip-validation */
        @JsonProperty("validation_passed") Boolean validationPassed) {

    public ImportStats withValidation(Boolean passed) {
        return new ImportStats(versionsImported, addActions, removeActions, metadataUpdates, protocolUpdates,
                txnActions, cdcActions, otherActions, firstVersion, lastVersion, checkpointVersion, missingRanges,
                durationSeconds, passed);
    }
}
