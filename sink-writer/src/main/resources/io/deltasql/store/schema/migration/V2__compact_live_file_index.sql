-- deltasql V2: the one-live-entry index keys a logical file by a 16-byte digest of its key instead
-- of the key's text (see docs/sql-model.md). Real Delta paths carry a random UUID, so every add
-- lands on a random leaf of this index: with ~90-byte text keys the index of a large table no
-- longer fits in memory, and every COPY of adds (and every probe of the writer's interval ends)
-- pays for it. md5 of (canonical path, U+0001, dv_id) as a uuid keeps it ~3x smaller and compares
-- with memcmp; queries add the exact key as a recheck, so a digest collision could only ever make
-- an import fail loudly on the unique index, never pair the wrong rows. dv_id never holds U+0001,
-- so the split of the digested text is unambiguous.
DROP INDEX dl_add_files_live;
CREATE UNIQUE INDEX dl_add_files_live ON dl_add_files (table_id, (md5(COALESCE(path_key, path) || E'\x01' || dv_id)::uuid))
    WHERE removed_version IS NULL;
