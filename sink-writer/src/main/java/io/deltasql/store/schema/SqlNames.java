package io.deltasql.store.schema;

/**
 * Qualifies the dl_* names with the target schema, quoted, so any schema name works and no
 * statement depends on the connection's search_path. SQL templates write {@code {s}.dl_tables}.
 */
public final class SqlNames {
    private final String schema;
    private final String quotedSchema;

    public SqlNames(String schema) {
        this.schema = schema;
        this.quotedSchema = quote(schema);
    }

    public String schema() {
        return schema;
    }

    /** The template with every {@code {s}} replaced by the quoted schema. */
    public String sql(String template) {
        return template.replace("{s}", quotedSchema);
    }

    /** A quoted identifier: double quotes doubled inside. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
