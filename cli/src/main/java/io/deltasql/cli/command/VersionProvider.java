package io.deltasql.cli.command;

import picocli.CommandLine;

/** The version from the jar manifest (Implementation-Version), or "development" when run from classes. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }

    /** What {@code deltasql --version} prints; {@code Main} prints it without building picocli's model. */
    public static String line() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return "deltasql " + (v == null ? "development build" : v);
    }
}
