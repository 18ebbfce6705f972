package io.deltasql.bench;

import picocli.CommandLine;

/** How every benchmark's main parses its arguments: picocli, with counts that may be written with underscores. */
final class BenchCommands {
    private BenchCommands() {
    }

    /** Parses {@code args} into {@code command}, runs it and returns the exit code (2 for a usage error). */
    static int execute(Object command, String[] args) {
        CommandLine cl = new CommandLine(command);
        cl.registerConverter(Integer.class, s -> Integer.valueOf(count(s)));
        cl.registerConverter(int.class, s -> Integer.valueOf(count(s)));
        cl.registerConverter(Long.class, s -> Long.valueOf(count(s)));
        cl.registerConverter(long.class, s -> Long.valueOf(count(s)));
        return cl.execute(args);
    }

    /** {@code 1_000_000} reads as {@code 1000000}. */
    private static String count(String s) {
        return s.replace("_", "");
    }
}
