package io.deltasql.cli.command;

import io.deltasql.cli.ExitCodes;
import io.deltasql.cli.importer.TargetDatabase;
import io.deltasql.store.SchemaOutdatedException;
import io.deltasql.store.StoreTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code deltasql upgrade TARGET}: brings the dl_* tables of an existing store to this deltasql's
 * schema version. Read commands (snapshot, info, compare) never migrate; when they find an older
 * schema they name this command. A store without dl_* tables is left alone ("not imported").
 */
@Command(header = "Upgrade the dl_* tables of a store to this deltasql's schema.", name = "upgrade", mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Runs the pending schema migrations of the dl_* tables the target's schema (or SQLite file) holds.",
                "Read commands never change the database: they name this command when the schema is older."},
        footer = {"%nExample:", "  deltasql upgrade deltasql://postgres/lake/delta/events", ExitCodes.HELP})
public final class UpgradeCommand extends BaseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TARGET", description = "The store (any table name in it will do).")
    String target;

    @Option(names = "--table", paramLabel = "SCHEMA.NAME", description = "The table name, with a jdbc: target.")
    String table;

    @Override
    public Integer call() {
        StoreTarget t = target(target, table, null);
        try (TargetDatabase current = TargetDatabase.openReadOnly(t)) {
            out().printf("The dl_* tables of %s are current: nothing to do.%n", t.withTable(null).describe());
        } catch (SchemaOutdatedException outdated) {
            try (TargetDatabase upgraded = TargetDatabase.connect(t)) {
                out().printf("Upgraded the dl_* tables of %s to this deltasql's schema.%n", t.withTable(null).describe());
            }
        }
        out().flush();
        return ExitCodes.OK;
    }
}
