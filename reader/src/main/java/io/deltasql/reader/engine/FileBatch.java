package io.deltasql.reader.engine;

import io.delta.kernel.data.ColumnarBatch;

/** A columnar batch of live files and what it costs in memory, roughly (for {@link CheckpointCache}'s budget). */
public record FileBatch(ColumnarBatch batch, long bytes) {
}
