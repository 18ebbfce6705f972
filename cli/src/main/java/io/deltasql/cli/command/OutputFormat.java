package io.deltasql.cli.command;

/** {@code --format}: text for people, json for scripts (stdout carries exactly one JSON document). */
public enum OutputFormat {
    TEXT, JSON
}
