-- Schema V3 (SQLite): the live-file index keyed by a small table number instead of the table's id.
--
-- V2's dl_add_files_live held (table_id, live_key): 36 characters of UUID text in every entry next
-- to the 8-byte key, ~50 bytes per live file. An import adds and ends files at keys all over that
-- index, so every group's COMMIT writes most of its pages to the WAL again: at 1.5M live files the
-- index outgrew the writer's page cache and an import of 100k versions wrote 11 GB for a 1.5 GB
-- file. Keyed by (table_no, live_key) an entry is ~16 bytes (docs/performance.md, "SQLite store").
--
-- table_no: a number per registered table, unique in the file, given at registration. In
-- dl_add_files it is the live index's key: set on every row written from V3 on, and here on the rows
-- live at the upgrade; rows ended before V3 keep NULL (an ended row never becomes live again, and no
-- query reads the column of an ended row).
ALTER TABLE dl_tables ADD COLUMN table_no INTEGER;
UPDATE dl_tables SET table_no = rowid;
CREATE UNIQUE INDEX dl_tables_table_no ON dl_tables (table_no);

ALTER TABLE dl_add_files ADD COLUMN table_no INTEGER;
DROP INDEX dl_add_files_live;
UPDATE dl_add_files SET table_no = (SELECT t.table_no FROM dl_tables t WHERE t.table_id = dl_add_files.table_id)
    WHERE removed_version IS NULL;
CREATE INDEX dl_add_files_live ON dl_add_files (table_no, live_key) WHERE removed_version IS NULL;
