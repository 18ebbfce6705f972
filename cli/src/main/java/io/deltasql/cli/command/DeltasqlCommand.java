package io.deltasql.cli.command;

import io.deltasql.cli.ExitCodes;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code deltasql} command; the work is in the subcommands. They are listed in
 * {@link #SUBCOMMANDS}, not in the annotation: {@code Main} registers only the one a command line
 * names (picocli would otherwise reflect over every subcommand's options at each start).
 */
@Command(name = "deltasql", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Moves a Delta Lake table's transaction log (_delta_log) into PostgreSQL, losslessly, "
                + "one database transaction per Delta version, and proves it with a validation report.",
        footer = {"%nTargets: deltasql://postgres/<db>/<schema>/<table>[?host=&port=&user=&password=&sslmode=],",
                "  deltasql://postgres/<db> (schema public, table = the source's last path segment),",
                "  or jdbc:postgresql://host:port/<db> with --table <schema>.<name>.",
                "  Missing parts come from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGSSLMODE.",
                "Logging goes to stderr; DELTASQL_LOG=debug or --verbose for details.",
                ExitCodes.HELP})
public final class DeltasqlCommand implements java.util.concurrent.Callable<Integer> {

    /** Every subcommand, in the order of the usage help. A new command goes here. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(ImportCommand.class, ValidateCommand.class, InfoCommand.class,
            CompareCommand.class, SnapshotCommand.class, ReadCommand.class, UpgradeCommand.class, DemoCommand.class, picocli.CommandLine.HelpCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Debug logging, and the stack trace of an error.")
    boolean verbose;

    final Map<String, String> env;

    public DeltasqlCommand(Map<String, String> env) {
        this.env = env;
    }

    /** "deltasql" alone: the list of commands, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
