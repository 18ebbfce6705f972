package io.deltasql.log.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code protocol}: the reader and writer versions and, from 3/7 on, the table features. */
public record Protocol(
        Integer minReaderVersion,
        Integer minWriterVersion,
        List<String> readerFeatures,
        List<String> writerFeatures,
        ObjectNode extra) implements Action {

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
