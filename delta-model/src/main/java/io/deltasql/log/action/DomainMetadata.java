package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.BOOLEAN;
import static io.deltasql.log.action.FieldType.STRING;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code domainMetadata}: a named configuration; {@code removed=true} is a tombstone. */
public record DomainMetadata(String domain, String configuration, Boolean removed, ObjectNode extra)
        implements Action {
    /** The fields of {@code domainMetadata}, in log-line order. */
    public static final FieldTable<DomainMetadata> FIELDS = FieldTable.builder("domainMetadata", DomainMetadata.class)
            .required("domain", STRING, DomainMetadata::domain)
            .field("configuration", STRING, DomainMetadata::configuration)
            .field("removed", BOOLEAN, DomainMetadata::removed)
            .build(DomainMetadata::extra, v -> new DomainMetadata(v.get(0), v.get(1), v.get(2), v.extra()));

    @Override
    public ActionType type() {
        return ActionType.DOMAIN_METADATA;
    }

    public boolean isRemoved() {
        return Boolean.TRUE.equals(removed);
    }
}
