package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code domainMetadata}: a named configuration; {@code removed=true} is a tombstone. */
public record DomainMetadata(String domain, String configuration, Boolean removed, ObjectNode extra)
        implements Action {

    @Override
    public ActionType type() {
        return ActionType.DOMAIN_METADATA;
    }

    public boolean isRemoved() {
        return Boolean.TRUE.equals(removed);
    }
}
