package io.deltasql.testing;

/** The two stores behind the contract; parameterised suites run once per kind. */
public enum StoreKind {
    POSTGRES, SQLITE;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
