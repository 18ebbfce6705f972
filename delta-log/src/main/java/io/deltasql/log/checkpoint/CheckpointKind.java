package io.deltasql.log.checkpoint;

/** The file layouts a checkpoint can have. */
public enum CheckpointKind {
    /** {@code v.checkpoint.parquet} (may hold V2 content: checkpointMetadata + sidecar rows). */
    CLASSIC,
    /** {@code v.checkpoint.i.n.parquet}, all n parts present. */
    MULTI_PART,
    /** {@code v.checkpoint.<uuid>.json}: a V2 checkpoint as NDJSON. */
    V2_JSON,
    /** {@code v.checkpoint.<uuid>.parquet}: a V2 checkpoint as Parquet. */
    V2_PARQUET
}
