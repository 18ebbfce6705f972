package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.INT;
import static io.deltasql.log.action.FieldType.STRING_LIST;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code protocol}: the reader and writer versions and, from 3/7 on, the table features. */
public record Protocol(
        Integer minReaderVersion,
        Integer minWriterVersion,
        List<String> readerFeatures,
        List<String> writerFeatures,
        ObjectNode extra) implements Action {
    /** The fields of {@code protocol}, in log-line order. */
    public static final FieldTable<Protocol> FIELDS = FieldTable.builder("protocol", Protocol.class)
            .field("minReaderVersion", INT, Protocol::minReaderVersion)
            .field("minWriterVersion", INT, Protocol::minWriterVersion)
            .field("readerFeatures", STRING_LIST, Protocol::readerFeatures)
            .field("writerFeatures", STRING_LIST, Protocol::writerFeatures)
            .build(Protocol::extra, v -> new Protocol(v.get(0), v.get(1), v.get(2), v.get(3), v.extra()));

    @Override
    public ActionType type() {
        return ActionType.PROTOCOL;
    }

    public boolean hasReaderFeature(String feature) {
        return readerFeatures != null && readerFeatures.contains(feature);
    }

    public boolean hasWriterFeature(String feature) {
        return writerFeatures != null && writerFeatures.contains(feature);
    }
}
