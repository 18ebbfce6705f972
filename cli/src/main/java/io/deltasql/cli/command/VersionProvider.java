package io.deltasql.cli.command;

import picocli.CommandLine;

/** The version from the jar manifest (Implementation-Version), or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"deltasql " + (v == null ? "development build" : v)};
    }
}
