package io.deltasql.connect.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One table the source tails: a short name (topic suffix, SQL table name) and its location.
 * Written in {@code delta.tables} as {@code name=location}.
 */
public record TableSpec(String name, String location) {
    /** Legal in a Kafka topic name and a PostgreSQL identifier alike. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}");

    public String asEntry() {
        return name + "=" + location;
    }

    /** Parses one {@code name=location} entry; the message says what is wrong with it. */
    public static TableSpec parse(String entry) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
            throw new IllegalArgumentException("'" + entry + "' is not name=location (e.g. orders=s3a://bucket/orders)");
        }
        String name = entry.substring(0, eq).trim();
        String location = entry.substring(eq + 1).trim();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("table name '" + name
                    + "' may only use letters, digits, '_', '.' and '-' (it becomes part of a topic name)");
        }
        if (location.isEmpty()) {
            throw new IllegalArgumentException("table '" + name + "' has an empty location");
        }
        return new TableSpec(name, location);
    }

    /** Parses every entry and rejects duplicate names or locations, and an empty list unless {@code emptyAllowed}. */
    public static List<TableSpec> parseAll(List<String> entries, boolean emptyAllowed) {
        List<TableSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> locations = new HashSet<>();
        for (String e : entries) {
            if (e.isBlank()) {
                continue;
            }
            TableSpec spec = parse(e.trim());
            if (!names.add(spec.name())) {
                throw new IllegalArgumentException("table name '" + spec.name() + "' is listed twice");
            }
            if (!locations.add(spec.location())) {
                throw new IllegalArgumentException("location '" + spec.location() + "' is listed twice");
            }
            specs.add(spec);
        }
        if (specs.isEmpty() && !emptyAllowed) {
            throw new IllegalArgumentException("no table given: list at least one name=location");
        }
        return specs;
    }
}
