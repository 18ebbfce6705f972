package io.deltasql.cli;

import io.deltasql.cli.command.DeltasqlCommand;
import io.deltasql.cli.logging.Logging;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code deltasql} command. {@link #commandLine} builds the picocli tree with
 * one-line error handling, so tests run exactly what users run, in-process with captured streams.
 *
 * <p>Start-up is part of every command's time (docs/performance.md, Start-up): a run builds only the
 * subcommand it names, and logging starts only for a command that runs (not for help or the
 * version), before anything can log.
 */
public final class Main {
    private static final List<String> TOP_LEVEL_HELP = List.of("-h", "--help");
    private static final List<String> TOP_LEVEL_VERSION = List.of("-V", "--version");

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        if (isLoneVersion(args)) {
            // The fast path (docs/performance.md, Start-up): no picocli model, no signal handlers.
            out.println(io.deltasql.cli.command.VersionProvider.line());
            out.flush();
            System.exit(0);
        }
        int code;
        io.deltasql.cli.importer.Interruption.install(err); // Ctrl-C / SIGTERM during an import: say what is committed
        try {
            code = run(args, out, err, System.getenv());
        } catch (Throwable e) {
            // An Error (e.g. NoClassDefFoundError from a library) escapes picocli's handler; without this the
            // JVM would wait forever on the libraries' non-daemon threads instead of exiting with one line.
            err.println("deltasql: " + Failure.of(e).message());
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(err);
            }
            code = Failure.of(e).exitCode();
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code. {@code env} supplies PG* defaults and DELTASQL_LOG. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        if (isLoneVersion(args)) {
            out.println(io.deltasql.cli.command.VersionProvider.line());
            out.flush();
            return ExitCodes.OK;
        }
        return commandLine(out, err, env, subcommandsFor(args)).execute(args);
    }

    /** The whole command tree, every subcommand included. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
        return commandLine(out, err, env, DeltasqlCommand.SUBCOMMANDS);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, List<Class<?>> subcommands) {
        CommandLine cl = new CommandLine(new DeltasqlCommand(env));
        for (Class<?> subcommand : subcommands) {
            cl.addSubcommand(subcommand);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // The terminal's width where it can be read; else (piped, no terminal) the 100 columns the
        // commands' descriptions are written in, not picocli's 80 that breaks each of their lines in two.
        cl.setUsageHelpWidth(100);
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionStrategy(parseResult -> {
            if (!asksForHelp(parseResult)) {
                Logging.start(env, isVerbose(parseResult));
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // picocli hands over Exceptions only; Main.main catches Errors (NoClassDefFoundError and the like).
            Failure failure = Failure.of(ex);
            PrintWriter e = commandLine.getErr();
            e.println("deltasql: " + failure.message());
            if (isVerbose(parseResult)) {
                ex.printStackTrace(e);
            }
            e.flush();
            return failure.exitCode();
        });
        return cl;
    }

    /**
     * The subcommands {@code args} can reach: the one its first word names, none for a lone
     * {@code --version}, else all (the usage lists them; an unknown word gets picocli's suggestions).
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        String word = null;
        boolean version = false;
        boolean help = false;
        for (String a : args) {
            if (!a.startsWith("-")) {
                word = a;
                break;
            }
            version |= TOP_LEVEL_VERSION.contains(a);
            help |= TOP_LEVEL_HELP.contains(a);
        }
        if (word == null) {
            return version && !help ? List.of() : DeltasqlCommand.SUBCOMMANDS;
        }
        for (Class<?> c : DeltasqlCommand.SUBCOMMANDS) {
            CommandLine.Command command = c.getAnnotation(CommandLine.Command.class);
            // "help <command>" needs the command it explains, so it gets them all.
            if (command != null && command.name().equals(word) && c != CommandLine.HelpCommand.class) {
                return List.of(c);
            }
        }
        return DeltasqlCommand.SUBCOMMANDS;
    }

    /**
     * {@code deltasql --version} (or {@code -V}) alone: what picocli would print, without building its
     * model of the command (reflection over every annotation: most of the start-up that is left).
     */
    static boolean isLoneVersion(String[] args) {
        return args.length == 1 && TOP_LEVEL_VERSION.contains(args[0]);
    }

    /** A usage error is one line plus where to find help, not the whole usage text. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter e = cmd.getErr();
        e.println("deltasql: " + ArgumentRedaction.redact(Failure.oneLine(String.valueOf(ex.getMessage())), args)
                + " (try '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        e.flush();
        return ExitCodes.USAGE;
    }

    /** --help, --version or the help command: picocli prints, nothing logs, logging need not start. */
    private static boolean asksForHelp(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.isUsageHelpRequested() || pr.isVersionHelpRequested()
                    || pr.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
