-- deltasql V4: a file's interval is ended by inserting a narrow row, not by updating its add row
-- at once (see docs/sql-model.md, "Ends written as rows").
--
-- Why: ending the interval of a file added in an earlier group cost the writer ~42 us of server time
-- per end (a probe of the live index, then an UPDATE that writes a whole new ~400-byte tuple), and
-- the unique live index ~5.6 us per add; together ~60 % of a 100,000-version import's server time
-- (docs/performance.md, "Where the 100k import's server time goes").
--
-- The model: an add row is live at version v when added_version <= v, removed_version is NULL or
-- > v, and no row of dl_file_ends for its key ends it by v (removed_version in (added_version, v]).
-- The writer COPYs ends into dl_file_ends and later "settles" them in one set-based statement: it
-- writes each end into removed_version of the add row it ends and deletes it from dl_file_ends
-- (before a checkpoint, when a million are pending, and at a writer's close when they are more than
-- one per eight rows with an open end), so readers find few. Both states read the same; the lossless
-- round trip (the remove rows) is unchanged.
CREATE TABLE dl_file_ends (
    table_id        uuid   NOT NULL,
    path            text   NOT NULL,   -- the logical file's key: COALESCE(path_key, path) of the add
    dv_id           text   NOT NULL,
    removed_version bigint NOT NULL    -- the version whose remove (or re-add) ends the live add of the key
);
-- No index: readers anti-join it by hash (it is small between settles) and the writer only
-- appends to it and empties it per table.

-- The live index keeps the head's read an index scan, but no longer checks one live row per key
-- (a key ended by a pending end and added again has two rows with removed_version NULL), and no
-- writer probe reads it: its key is the table alone, so an add appends to its right end.
DROP INDEX dl_add_files_live;
CREATE INDEX dl_add_files_live ON dl_add_files (table_id) WHERE removed_version IS NULL;

-- In place (same columns), so views users built on dl_live_files stay and see the new rule.
CREATE OR REPLACE VIEW dl_live_files AS
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
WHERE f.removed_version IS NULL
  AND NOT EXISTS (SELECT 1 FROM dl_file_ends e
                  WHERE e.table_id = f.table_id AND e.path = COALESCE(f.path_key, f.path)
                    AND e.dv_id = f.dv_id AND e.removed_version > f.added_version);

-- A deleted table takes its pending ends with it (V3's trigger function, plus dl_file_ends).
CREATE OR REPLACE FUNCTION dl_delete_table_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM dl_add_files WHERE table_id = OLD.table_id;
    DELETE FROM dl_file_ends WHERE table_id = OLD.table_id;
    DELETE FROM dl_remove_files WHERE table_id = OLD.table_id;
    DELETE FROM dl_metadata_updates WHERE table_id = OLD.table_id;
    DELETE FROM dl_protocol_updates WHERE table_id = OLD.table_id;
    DELETE FROM dl_txn_actions WHERE table_id = OLD.table_id;
    DELETE FROM dl_domain_metadata WHERE table_id = OLD.table_id;
    DELETE FROM dl_cdc_files WHERE table_id = OLD.table_id;
    DELETE FROM dl_commit_infos WHERE table_id = OLD.table_id;
    DELETE FROM dl_other_actions WHERE table_id = OLD.table_id;
    RETURN OLD;
END
$$ SET search_path FROM CURRENT;
