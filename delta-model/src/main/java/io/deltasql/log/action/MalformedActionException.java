package io.deltasql.log.action;

/** A log line that is not a Delta action; the caller adds the file, version and line. */
public class MalformedActionException extends RuntimeException {
    public MalformedActionException(String message) {
        super(message);
    }

    public MalformedActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
