package io.deltasql.log.reader;

import io.deltasql.log.Origin;

/** One version a plan delivers, and whether it comes from its commit or from a checkpoint. */
public record VersionStep(long version, Origin origin) {
}
