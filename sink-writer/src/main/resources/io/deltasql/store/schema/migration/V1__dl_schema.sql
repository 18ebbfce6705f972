-- deltasql: the dl_* model of Delta logs (see docs/sql-model.md).
-- Runs with search_path = the target schema (Flyway sets it), so names are unqualified here.
-- No extension, no superuser: only CREATE TABLE / INDEX / VIEW in the target schema.

-- One row per registered Delta table: its head (last applied version) and import provenance.
CREATE TABLE dl_tables (
    table_id              uuid        PRIMARY KEY,
    name                  text        NOT NULL UNIQUE,
    location              text        NOT NULL,
    head_version          bigint      NOT NULL DEFAULT -1,
    properties            jsonb       NOT NULL DEFAULT '{}',
    mode                  text,
    first_version         bigint,
    last_imported_version bigint,
    missing_ranges        jsonb       NOT NULL DEFAULT '[]',
    import_started_at     timestamptz,
    import_finished_at    timestamptz,
    tool_version          text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- One row per applied version, inserted in the same transaction that advances head_version.
CREATE TABLE dl_table_versions (
    table_id              uuid        NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version               bigint      NOT NULL,
    origin                text        NOT NULL CHECK (origin IN ('commit', 'checkpoint')),
    timestamp_ms          bigint      NOT NULL,
    in_commit_timestamp   bigint,
    operation             text,
    status                text        NOT NULL DEFAULT 'committed',
    action_count          bigint      NOT NULL,
    add_count             bigint      NOT NULL DEFAULT 0,
    remove_count          bigint      NOT NULL DEFAULT 0,
    metadata_count        bigint      NOT NULL DEFAULT 0,
    protocol_count        bigint      NOT NULL DEFAULT 0,
    txn_count             bigint      NOT NULL DEFAULT 0,
    commit_info_count     bigint      NOT NULL DEFAULT 0,
    cdc_count             bigint      NOT NULL DEFAULT 0,
    domain_metadata_count bigint      NOT NULL DEFAULT 0,
    other_count           bigint      NOT NULL DEFAULT 0,
    applied_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (table_id, version)
);

-- Every action table: (table_id, version, ordinal) = the action's place in its version, so the
-- version can be re-created in log order; typed columns + extra (fields no typed column holds).

-- add: the live interval of a logical file (path, dv_id) is [added_version, removed_version).
-- path_key: the canonical path (delta-log's FileKey: file:/x and /x are the same file) when it
-- differs from path, else NULL; the logical file's key is (COALESCE(path_key, path), dv_id).
CREATE TABLE dl_add_files (
    table_id                   uuid    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    added_version              bigint  NOT NULL,
    ordinal                    integer NOT NULL,
    path                       text    NOT NULL,
    path_key                   text,
    dv_id                      text    NOT NULL DEFAULT '',
    removed_version            bigint,
    size                       bigint,
    modification_time          bigint,
    data_change                boolean,
    partition_values           jsonb,
    stats                      text,
    tags                       jsonb,
    deletion_vector            jsonb,
    base_row_id                bigint,
    default_row_commit_version bigint,
    clustering_provider        text,
    extra                      jsonb,
    PRIMARY KEY (table_id, added_version, ordinal)   -- also the time-travel index (table_id, added_version)
);
-- One live entry per logical file; also the index of the current snapshot.
CREATE UNIQUE INDEX dl_add_files_live ON dl_add_files (table_id, (COALESCE(path_key, path)), dv_id)
    WHERE removed_version IS NULL;

CREATE TABLE dl_remove_files (
    table_id                   uuid    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version                    bigint  NOT NULL,
    ordinal                    integer NOT NULL,
    path                       text    NOT NULL,
    path_key                   text,
    dv_id                      text    NOT NULL DEFAULT '',
    deletion_timestamp         bigint,
    data_change                boolean,
    extended_file_metadata     boolean,
    partition_values           jsonb,
    size                       bigint,
    stats                      text,
    tags                       jsonb,
    deletion_vector            jsonb,
    base_row_id                bigint,
    default_row_commit_version bigint,
    extra                      jsonb,
    PRIMARY KEY (table_id, version, ordinal)
);

CREATE TABLE dl_metadata_updates (
    table_id           uuid    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version            bigint  NOT NULL,
    ordinal            integer NOT NULL,
    superseded_version bigint,
    id                 text,
    name               text,
    description        text,
    format_provider    text,
    format_options     jsonb,
    schema_string      text,
    partition_columns  jsonb,
    created_time       bigint,
    configuration      jsonb,
    extra              jsonb,
    PRIMARY KEY (table_id, version, ordinal)
);

CREATE TABLE dl_protocol_updates (
    table_id           uuid    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version            bigint  NOT NULL,
    ordinal            integer NOT NULL,
    superseded_version bigint,
    min_reader_version integer,
    min_writer_version integer,
    reader_features    jsonb,
    writer_features    jsonb,
    extra              jsonb,
    PRIMARY KEY (table_id, version, ordinal)
);

CREATE TABLE dl_txn_actions (
    table_id           uuid    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version            bigint  NOT NULL,
    ordinal            integer NOT NULL,
    superseded_version bigint,
    app_id             text    NOT NULL,
    txn_version        bigint,
    last_updated       bigint,
    extra              jsonb,
    PRIMARY KEY (table_id, version, ordinal)
);
CREATE INDEX dl_txn_actions_live ON dl_txn_actions (table_id, app_id) WHERE superseded_version IS NULL;

CREATE TABLE dl_domain_metadata (
    table_id           uuid    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version            bigint  NOT NULL,
    ordinal            integer NOT NULL,
    superseded_version bigint,
    domain             text    NOT NULL,
    configuration      text,
    removed            boolean,
    extra              jsonb,
    PRIMARY KEY (table_id, version, ordinal)
);
CREATE INDEX dl_domain_metadata_live ON dl_domain_metadata (table_id, domain) WHERE superseded_version IS NULL;

CREATE TABLE dl_cdc_files (
    table_id         uuid    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version          bigint  NOT NULL,
    ordinal          integer NOT NULL,
    path             text    NOT NULL,
    partition_values jsonb,
    size             bigint,
    data_change      boolean,
    tags             jsonb,
    extra            jsonb,
    PRIMARY KEY (table_id, version, ordinal)
);

-- commitInfo: timestamp, inCommitTimestamp and operation typed; the rest (operationParameters,
-- operationMetrics, engineInfo, …) in extra, queryable as jsonb.
CREATE TABLE dl_commit_infos (
    table_id            uuid    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version             bigint  NOT NULL,
    ordinal             integer NOT NULL,
    timestamp_ms        bigint,
    in_commit_timestamp bigint,
    operation           text,
    extra               jsonb,
    PRIMARY KEY (table_id, version, ordinal)
);

-- checkpointMetadata, sidecar and action types this version does not know: the key and the
-- action's whole JSON value.
CREATE TABLE dl_other_actions (
    table_id   uuid    NOT NULL REFERENCES dl_tables ON DELETE CASCADE,
    version    bigint  NOT NULL,
    ordinal    integer NOT NULL,
    action_key text    NOT NULL,
    body       jsonb   NOT NULL,
    PRIMARY KEY (table_id, version, ordinal)
);

-- The current files of every table, for plain SQL users.
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
