package io.deltasql.cli.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The statistics of one import run, in the JSON field names users script against (snake_case). */
@JsonPropertyOrder({"versions_imported", "add_actions", "remove_actions", "metadata_updates", "protocol_updates",
        "txn_actions", "cdc_actions", "other_actions", "first_version", "last_version", "base_version",
        "checkpoint_version", "found_checkpoint_version", "missing_ranges", "duration_seconds", "import_duration_seconds",
        "validation_passed"})
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
        /* what the imported versions build on: the checkpoint started from, else the first version imported
           (0), else for --resume the head it continued after; null when nothing was imported */
        @JsonProperty("base_version") Long baseVersion,
        /* the checkpoint the import started from or jumped to; null if none */
        @JsonProperty("checkpoint_version") Long checkpointVersion,
        /* the latest checkpoint the log has at or before last_version, used or not; null if none */
        @JsonProperty("found_checkpoint_version") Long foundCheckpointVersion,
        /* version ranges absent from the log that a checkpoint covers, e.g. [[0, 4]] */
        @JsonProperty("missing_ranges") List<List<Long>> missingRanges,
        @JsonProperty("duration_seconds") double durationSeconds,
        /* null when --skip-validation */
        @JsonProperty("validation_passed") Boolean validationPassed) {

    public ImportStats withValidation(Boolean passed) {
        return new ImportStats(versionsImported, addActions, removeActions, metadataUpdates, protocolUpdates,
                txnActions, cdcActions, otherActions, firstVersion, lastVersion, baseVersion, checkpointVersion,
                foundCheckpointVersion, missingRanges,
                durationSeconds, passed);
    }

    /** The migration guide's name for {@link #durationSeconds} (both are printed). */
    @JsonProperty("import_duration_seconds")
    public double importDurationSeconds() {
        return durationSeconds;
    }
}
