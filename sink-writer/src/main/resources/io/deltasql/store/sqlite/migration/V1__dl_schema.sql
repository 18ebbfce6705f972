-- deltasql: the dl_* model of Delta logs in SQLite, the same logical model as PostgreSQL's V1+V2
-- (see docs/sql-model.md, "The two stores"). SQLite's types: uuid, jsonb, timestamptz are TEXT
-- (uuid in its canonical text, JSON as written, times as ISO-8601 UTC), boolean is INTEGER 0/1,
-- bigint/integer are INTEGER. Foreign keys act because every connection sets PRAGMA foreign_keys.

CREATE TABLE dl_tables (
    table_id              TEXT    PRIMARY KEY,
    name                  TEXT    NOT NULL UNIQUE,
    location              TEXT    NOT NULL,
    head_version          INTEGER NOT NULL DEFAULT -1,
    properties            TEXT    NOT NULL DEFAULT '{}',
    mode                  TEXT,
    first_version         INTEGER,
    last_imported_version INTEGER,
    missing_ranges        TEXT    NOT NULL DEFAULT '[]',
    import_started_at     TEXT,
    import_finished_at    TEXT,
    tool_version          TEXT,
    created_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE dl_table_versions (
    table_id              TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version               INTEGER NOT NULL,
    origin                TEXT    NOT NULL CHECK (origin IN ('commit', 'checkpoint')),
    timestamp_ms          INTEGER NOT NULL,
    in_commit_timestamp   INTEGER,
    operation             TEXT,
    status                TEXT    NOT NULL DEFAULT 'committed',
    action_count          INTEGER NOT NULL,
    add_count             INTEGER NOT NULL DEFAULT 0,
    remove_count          INTEGER NOT NULL DEFAULT 0,
    metadata_count        INTEGER NOT NULL DEFAULT 0,
    protocol_count        INTEGER NOT NULL DEFAULT 0,
    txn_count             INTEGER NOT NULL DEFAULT 0,
    commit_info_count     INTEGER NOT NULL DEFAULT 0,
    cdc_count             INTEGER NOT NULL DEFAULT 0,
    domain_metadata_count INTEGER NOT NULL DEFAULT 0,
    other_count           INTEGER NOT NULL DEFAULT 0,
    applied_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (table_id, version)
);

-- add: the live interval of a logical file (COALESCE(path_key, path), dv_id) is [added_version, removed_version).
CREATE TABLE dl_add_files (
    table_id                   TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    added_version              INTEGER NOT NULL,
    ordinal                    INTEGER NOT NULL,
    path                       TEXT    NOT NULL,
    path_key                   TEXT,
    dv_id                      TEXT    NOT NULL DEFAULT '',
    removed_version            INTEGER,
    size                       INTEGER,
    modification_time          INTEGER,
    data_change                INTEGER,
    partition_values           TEXT,
    stats                      TEXT,
    tags                       TEXT,
    deletion_vector            TEXT,
    base_row_id                INTEGER,
    default_row_commit_version INTEGER,
    clustering_provider        TEXT,
    extra                      TEXT,
    PRIMARY KEY (table_id, added_version, ordinal)
);
-- One live entry per logical file; also the index of the current snapshot (a partial expression
-- index: SQLite uses it where a query repeats the expression and the WHERE).
CREATE UNIQUE INDEX dl_add_files_live ON dl_add_files (table_id, COALESCE(path_key, path), dv_id)
    WHERE removed_version IS NULL;

CREATE TABLE dl_remove_files (
    table_id                   TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version                    INTEGER NOT NULL,
    ordinal                    INTEGER NOT NULL,
    path                       TEXT    NOT NULL,
    path_key                   TEXT,
    dv_id                      TEXT    NOT NULL DEFAULT '',
    deletion_timestamp         INTEGER,
    data_change                INTEGER,
    extended_file_metadata     INTEGER,
    partition_values           TEXT,
    size                       INTEGER,
    stats                      TEXT,
    tags                       TEXT,
    deletion_vector            TEXT,
    base_row_id                INTEGER,
    default_row_commit_version INTEGER,
    extra                      TEXT,
    PRIMARY KEY (table_id, version, ordinal)
);

CREATE TABLE dl_metadata_updates (
    table_id           TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version            INTEGER NOT NULL,
    ordinal            INTEGER NOT NULL,
    superseded_version INTEGER,
    id                 TEXT,
    name               TEXT,
    description        TEXT,
    format_provider    TEXT,
    format_options     TEXT,
    schema_string      TEXT,
    partition_columns  TEXT,
    created_time       INTEGER,
    configuration      TEXT,
    extra              TEXT,
    PRIMARY KEY (table_id, version, ordinal)
);

CREATE TABLE dl_protocol_updates (
    table_id           TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version            INTEGER NOT NULL,
    ordinal            INTEGER NOT NULL,
    superseded_version INTEGER,
    min_reader_version INTEGER,
    min_writer_version INTEGER,
    reader_features    TEXT,
    writer_features    TEXT,
    extra              TEXT,
    PRIMARY KEY (table_id, version, ordinal)
);

CREATE TABLE dl_txn_actions (
    table_id           TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version            INTEGER NOT NULL,
    ordinal            INTEGER NOT NULL,
    superseded_version INTEGER,
    app_id             TEXT    NOT NULL,
    txn_version        INTEGER,
    last_updated       INTEGER,
    extra              TEXT,
    PRIMARY KEY (table_id, version, ordinal)
);
CREATE INDEX dl_txn_actions_live ON dl_txn_actions (table_id, app_id) WHERE superseded_version IS NULL;

CREATE TABLE dl_domain_metadata (
    table_id           TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version            INTEGER NOT NULL,
    ordinal            INTEGER NOT NULL,
    superseded_version INTEGER,
    domain             TEXT    NOT NULL,
    configuration      TEXT,
    removed            INTEGER,
    extra              TEXT,
    PRIMARY KEY (table_id, version, ordinal)
);
CREATE INDEX dl_domain_metadata_live ON dl_domain_metadata (table_id, domain) WHERE superseded_version IS NULL;

CREATE TABLE dl_cdc_files (
    table_id         TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version          INTEGER NOT NULL,
    ordinal          INTEGER NOT NULL,
    path             TEXT    NOT NULL,
    partition_values TEXT,
    size             INTEGER,
    data_change      INTEGER,
    tags             TEXT,
    extra            TEXT,
    PRIMARY KEY (table_id, version, ordinal)
);

CREATE TABLE dl_commit_infos (
    table_id            TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version             INTEGER NOT NULL,
    ordinal             INTEGER NOT NULL,
    timestamp_ms        INTEGER,
    in_commit_timestamp INTEGER,
    operation           TEXT,
    extra               TEXT,
    PRIMARY KEY (table_id, version, ordinal)
);

CREATE TABLE dl_other_actions (
    table_id   TEXT    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    ordinal    INTEGER NOT NULL,
    action_key TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    PRIMARY KEY (table_id, version, ordinal)
);

CREATE VIEW dl_live_files AS
SELECT t.name               AS table_name,
       t.table_id,
       f.path,
       f.dv_id,
       f.size,
       f.partition_values,
       f.modification_time,
       f.added_version,
       f.deletion_vector,
       f.stats
FROM dl_add_files f
JOIN dl_tables t ON t.table_id = f.table_id
WHERE f.removed_version IS NULL;
