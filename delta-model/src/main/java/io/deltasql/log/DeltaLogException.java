package io.deltasql.log;

/**
 * A problem with a Delta log that a user can act on. The message is one line and names the file,
 * the version and the line where they are known; it never carries a stack trace's worth of detail.
 */
public class DeltaLogException extends RuntimeException {

    /** What went wrong, so a driver can pick an exit code or decide to retry. */
    public enum Kind {
        /** The location has no {@code _delta_log}, or it is empty. */
        NOT_A_TABLE,
        /** Commits are missing and no checkpoint covers them. */
        GAP,
        /** A version before the earliest one whose state can be rebuilt. */
        TRUNCATED,
        /** A commit line is not valid JSON or not a valid action. */
        PARSE,
        /** A checkpoint or sidecar is unreadable or missing. */
        CORRUPT_CHECKPOINT,
        /** The state at a version has no protocol or no metaData. */
        INCOMPLETE_STATE,
        /** The protocol asks for something this reader refuses (unknown reader version or feature, catalog-managed). */
        UNSUPPORTED,
        /** Storage failed (I/O, permissions, network). */
        IO
    }

    private final Kind kind;
    private final String file;
    private final Long version;
    private final Integer line;

    public DeltaLogException(Kind kind, String message) {
        this(kind, message, null, null, null, null);
    }

    public DeltaLogException(Kind kind, String message, String file, Long version, Integer line, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.file = file;
        this.version = version;
        this.line = line;
    }

    public Kind kind() {
        return kind;
    }

    /** The file concerned, relative to the table where possible; null if none. */
    public String file() {
        return file;
    }

    public Long version() {
        return version;
    }

    /** 1-based line within {@link #file()}; null if not line-oriented. */
    public Integer line() {
        return line;
    }
}
