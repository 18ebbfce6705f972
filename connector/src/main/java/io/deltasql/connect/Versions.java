package io.deltasql.connect;

/** The plugin version Connect shows in its REST API. */
public final class Versions {
    private Versions() {
    }

    public static String plugin() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
