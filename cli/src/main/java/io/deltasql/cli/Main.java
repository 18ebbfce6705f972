package io.deltasql.cli;

import io.deltasql.cli.command.DeltasqlCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code deltasql} command. {@link #commandLine} builds the picocli tree with
 * one-line error handling, so tests run exactly what users run, in-process with captured streams.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err, System.getenv());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code. {@code env} supplies PG* defaults and DELTASQL_LOG. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return commandLine(out, err, env).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cl = new CommandLine(new DeltasqlCommand(env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionStrategy(parseResult -> {
            if (isVerbose(parseResult)) {
                Logging.verbose();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
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

    /** A usage error is one line plus where to find help, not the whole usage text. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter e = cmd.getErr();
        e.println("deltasql: " + ArgumentRedaction.redact(Failure.oneLine(String.valueOf(ex.getMessage())), args)
                + " (try '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        e.flush();
        return ExitCodes.USAGE;
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
