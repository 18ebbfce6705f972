package io.deltasql.store;

import java.util.UUID;

/** A Delta table as dl_tables knows it: id, name, source location and head (−1 before any version). */
public record RegisteredTable(UUID id, String name, String location, long headVersion) {
}
