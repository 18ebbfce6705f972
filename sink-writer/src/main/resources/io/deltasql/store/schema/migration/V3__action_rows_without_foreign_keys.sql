-- V3: the action tables no longer check a foreign key per row written.
--
-- Each of their REFERENCES dl_tables ON DELETE CASCADE ran a trigger for every row an import writes:
-- without them a 10,000-version import took 5.3-5.6 s instead of 6.4-7.1 s (docs/performance.md).
-- What the keys gave stays: `DELETE FROM dl_tables WHERE ...` still removes a table with every row of
-- it (the trigger below, once per deleted table; dl_table_versions keeps its key and cascade), and
-- rows are only ever written by the writer holding the table's lock, for the table it registered.
-- Unlike V1-V2 this adds a function: plpgsql is a trusted language, so no superuser is needed. Its
-- search_path is the one Flyway migrates with (this schema), so it deletes from these tables whatever
-- the path of the session that deletes.
CREATE OR REPLACE FUNCTION dl_delete_table_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM dl_add_files WHERE table_id = OLD.table_id;
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

DROP TRIGGER IF EXISTS dl_tables_delete_rows ON dl_tables;
CREATE TRIGGER dl_tables_delete_rows AFTER DELETE ON dl_tables
    FOR EACH ROW EXECUTE FUNCTION dl_delete_table_rows();

ALTER TABLE dl_add_files DROP CONSTRAINT IF EXISTS dl_add_files_table_id_fkey;
ALTER TABLE dl_remove_files DROP CONSTRAINT IF EXISTS dl_remove_files_table_id_fkey;
ALTER TABLE dl_metadata_updates DROP CONSTRAINT IF EXISTS dl_metadata_updates_table_id_fkey;
ALTER TABLE dl_protocol_updates DROP CONSTRAINT IF EXISTS dl_protocol_updates_table_id_fkey;
ALTER TABLE dl_txn_actions DROP CONSTRAINT IF EXISTS dl_txn_actions_table_id_fkey;
ALTER TABLE dl_domain_metadata DROP CONSTRAINT IF EXISTS dl_domain_metadata_table_id_fkey;
ALTER TABLE dl_cdc_files DROP CONSTRAINT IF EXISTS dl_cdc_files_table_id_fkey;
ALTER TABLE dl_commit_infos DROP CONSTRAINT IF EXISTS dl_commit_infos_table_id_fkey;
ALTER TABLE dl_other_actions DROP CONSTRAINT IF EXISTS dl_other_actions_table_id_fkey;
