package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.LONG;
import static io.deltasql.log.action.FieldType.STRING;
import static io.deltasql.log.action.FieldType.STRING_MAP;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code sidecar}: a V2 checkpoint's reference to a file in {@code _delta_log/_sidecars/}. */
public record Sidecar(String path, Long sizeInBytes, Long modificationTime, Map<String, String> tags, ObjectNode extra)
        implements Action {
    /** The fields of {@code sidecar}, in log-line order. */
    public static final FieldTable<Sidecar> FIELDS = FieldTable.builder("sidecar", Sidecar.class)
            .required("path", STRING, Sidecar::path)
            .field("sizeInBytes", LONG, Sidecar::sizeInBytes)
            .field("modificationTime", LONG, Sidecar::modificationTime)
            .field("tags", STRING_MAP, Sidecar::tags)
            .build(Sidecar::extra, v -> new Sidecar(v.get(0), v.get(1), v.get(2), v.get(3), v.extra()));

    @Override
    public ActionType type() {
        return ActionType.SIDECAR;
    }
}
