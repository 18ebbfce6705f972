package io.deltasql.cli.importer;

/**
 * What the user asked of one import.
 *
 * @param upToVersion    last version to import; null = the latest version when the import starts
 * @param checkpointOnly start from the latest checkpoint at or before the end version
 * @param resume         continue an existing import from its head + 1
 * @param force          replace an existing import of this table
 * @param skipValidation do not compare the SQL snapshot with the log's afterwards
 */
public record ImportOptions(Long upToVersion, boolean checkpointOnly, boolean resume, boolean force,
                            boolean skipValidation) {
}
