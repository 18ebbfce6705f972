package io.deltasql.cli.importer;

import io.deltasql.cli.report.ImportStats;
import io.deltasql.cli.validation.ValidationView;

/**
 * The outcome of one import.
 *
 * @param validation null when skipped (or nothing was imported)
 * @param upToDate   the table was already at the end version: nothing imported
 */
public record ImportResult(ImportStats stats, ValidationView validation, boolean upToDate) {
}
