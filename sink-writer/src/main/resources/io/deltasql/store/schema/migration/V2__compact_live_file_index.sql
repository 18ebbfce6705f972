-- deltasql V2: the one-live-entry index keys a logical file by a 16-byte digest of (table, key)
-- instead of the key's text (see docs/sql-model.md).
-- * Size: real Delta paths carry a random UUID, so every add lands on a random leaf of this index;
--   with ~90-byte text keys the index of a large table outgrows memory, and every COPY of adds and
--   every probe of the writer's interval ends pays for it. The digest keeps it ~3x smaller.
-- * Plan: the table_id is inside the digest, and the writer's probe names the table only through
--   it, so the probe has exactly one usable index. With table_id as a separate leading column, a
--   planner whose statistics predate a new table (autovacuum ran before the import; ANALYZE) took
--   the primary key on table_id alone and filtered every row of the table per key.
-- Queries recheck the exact key, so a digest collision could only ever fail an import loudly on
-- this unique index, never pair the wrong rows. U+0001 occurs in neither a uuid nor a dv_id, so the
-- digested text splits one way only.
DROP INDEX dl_add_files_live;
CREATE UNIQUE INDEX dl_add_files_live ON dl_add_files
    ((md5(table_id::text || E'\x01' || dv_id || E'\x01' || COALESCE(path_key, path))::uuid))
    WHERE removed_version IS NULL;
