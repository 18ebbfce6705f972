package io.deltasql.cli.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** What {@code import --dry-run} found and estimates; nothing was written anywhere. */
@JsonPropertyOrder({"dry_run", "versions", "first_version", "last_version", "checkpoint_version", "missing_ranges",
        "add_actions", "remove_actions", "metadata_updates", "protocol_updates", "txn_actions", "cdc_actions",
        "other_actions", "estimated_db_bytes", "estimated_seconds", "estimated_seconds_parts", "estimate_basis"})
public record DryRunEstimate(
        @JsonProperty("versions") long versions,
        @JsonProperty("first_version") Long firstVersion,
        @JsonProperty("last_version") Long lastVersion,
        @JsonProperty("checkpoint_version") Long checkpointVersion,
        @JsonProperty("missing_ranges") List<List<Long>> missingRanges,
        @JsonProperty("add_actions") long addActions,
        @JsonProperty("remove_actions") long removeActions,
        @JsonProperty("metadata_updates") long metadataUpdates,
        @JsonProperty("protocol_updates") long protocolUpdates,
        @JsonProperty("txn_actions") long txnActions,
        @JsonProperty("cdc_actions") long cdcActions,
        @JsonProperty("other_actions") long otherActions,
        @JsonProperty("estimated_db_bytes") long estimatedDbBytes,
        @JsonProperty("estimated_seconds") double estimatedSeconds,
        @JsonProperty("estimated_seconds_parts") TimeEstimate estimatedSecondsParts,
        @JsonProperty("estimate_basis") String estimateBasis) {

    @JsonProperty("dry_run")
    public boolean dryRun() {
        return true;
    }
}
