package io.deltasql.cli.output;

/** {@code deltasql read --format}: table (for people), csv and jsonl (for pipes). */
public enum RowFormat {
    TABLE, CSV, JSONL
}
