package io.deltasql.cli.command;

import io.deltasql.cli.CliException;
import io.deltasql.cli.ExitCodes;
import io.deltasql.storage.StorageRetryListener;
import io.deltasql.store.StoreTarget;
import io.deltasql.store.Stores;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand needs: its streams, the environment, and target parsing. */
abstract class BaseCommand {
    @Spec
    CommandSpec spec;

    @ParentCommand
    DeltasqlCommand parent;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Map<String, String> env() {
        return parent == null ? System.getenv() : parent.env;
    }

    /** The source table with this command's storage options over the environment; close it after use. */
    SourceLog openSource(String location, StorageOptions storage) {
        return openSource(location, storage, StorageRetryListener.NONE);
    }

    /** The same, telling {@code retries} while storage retries (the import's progress display). */
    SourceLog openSource(String location, StorageOptions storage, StorageRetryListener retries) {
        return SourceLog.open(location, storage.settings(env()), retries);
    }

    /** A note for the user on stderr; never on stdout, which may carry JSON. */
    void info(String message) {
        err().println("deltasql: " + message);
        err().flush();
    }

    /**
     * The target: {@code uri} parsed by {@link Stores#parse} (PostgreSQL or SQLite), the table from the URI, else
     * {@code --table}, else the source's last path segment. A malformed URI is a database-side
     * problem (exit 4): the command line itself was well-formed.
     */
    StoreTarget target(String uri, String tableOption, String sourceLocation) {
        StoreTarget target;
        try {
            target = Stores.parse(uri, env(), tableOption);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.DATABASE, "target: " + e.getMessage(), e);
        }
        if (tableOption != null && target.table() != null && !tableOption.equals(target.tableLabel())
                && !tableOption.equals(target.table())) {
            // The URI's table wins; silently importing elsewhere than --table says is worse than asking.
            throw new CliException(ExitCodes.USAGE, "the target names table " + target.tableLabel()
                    + " but --table says " + tableOption + ": give the table once (in the URI or with --table)");
        }
        if (target.table() == null && sourceLocation != null) {
            target = target.withTable(lastPathSegment(sourceLocation));
        }
        if (target.table() == null) {
            throw new CliException(ExitCodes.USAGE, "target " + target.describe()
                    + " names no table: use deltasql://postgres/<db>/<schema>/<table> or --table <schema>.<name>");
        }
        return target;
    }

    static String lastPathSegment(String location) {
        String s = location;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        int slash = s.lastIndexOf('/');
        String name = slash >= 0 ? s.substring(slash + 1) : s;
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(colon + 1) : name;
    }
}
