package io.deltasql.log.action;

import static io.deltasql.log.action.FieldType.LONG;
import static io.deltasql.log.action.FieldType.STRING;
import static io.deltasql.log.action.FieldType.STRING_LIST;
import static io.deltasql.log.action.FieldType.STRING_MAP;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code metaData}: the table's id, schema, partition columns and configuration. Its {@code format}
 * struct is typed ({@link #formatProvider()}, {@link #formatOptions()}) only when it is the plain
 * {@code {provider, options}} pair; any other {@code format} stays whole in {@link #extra()}.
 */
public record Metadata(
        String id,
        String name,
        String description,
        String formatProvider,
        Map<String, String> formatOptions,
        String schemaString,
        List<String> partitionColumns,
        Long createdTime,
        Map<String, String> configuration,
        ObjectNode extra) implements Action {

    /** The {@code format} struct of {@code metaData}: the data files' format and its options. */
    public record Format(String provider, Map<String, String> options) {
        /** Its fields; typed only whole (one other field inside and the struct stays in metaData's extra). */
        public static final FieldTable<Format> FIELDS = FieldTable.builder("format", Format.class)
                .field("provider", STRING, Format::provider)
                .field("options", STRING_MAP, Format::options)
                .buildWhole(v -> new Format(v.get(0), v.get(1)));
    }

    /** The fields of {@code metaData}, in log-line order. */
    public static final FieldTable<Metadata> FIELDS = FieldTable.builder("metaData", Metadata.class)
            .field("id", STRING, Metadata::id)
            .field("name", STRING, Metadata::name)
            .field("description", STRING, Metadata::description)
            .struct("format", Format.FIELDS, Metadata::format)
            .field("schemaString", STRING, Metadata::schemaString)
            .field("partitionColumns", STRING_LIST, Metadata::partitionColumns)
            .field("configuration", STRING_MAP, Metadata::configuration)
            .field("createdTime", LONG, Metadata::createdTime)
            .build(Metadata::extra, v -> {
                Format format = v.get(3);
                return new Metadata(v.get(0), v.get(1), v.get(2), format == null ? null : format.provider(),
                        format == null ? null : format.options(), v.get(4), v.get(5), v.get(7), v.get(6), v.extra());
            });

    @Override
    public ActionType type() {
        return ActionType.METADATA;
    }

    /** The typed {@code format} struct; null when neither its provider nor its options are typed. */
    public Format format() {
        return formatProvider == null && formatOptions == null ? null : new Format(formatProvider, formatOptions);
    }
}
