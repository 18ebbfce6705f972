package io.deltasql.cli;

/**
 * A failure the CLI itself detects, carrying the exit code and a one-line message for the user
 * (for instance "already imported: use --resume or --force").
 */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
