package io.deltasql.log;

/** Versions {@code from..to}, both inclusive. */
public record VersionRange(long from, long to) {
    public VersionRange {
        if (from > to) {
            throw new IllegalArgumentException("empty range " + from + ".." + to);
        }
    }

    @Override
    public String toString() {
        return from == to ? Long.toString(from) : from + ".." + to;
    }
}
