package io.deltasql.cli.importer;

import io.deltasql.cli.ExitCodes;
import io.deltasql.store.VersionWriter;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an import says when SIGINT or SIGTERM stops it: one line naming the versions PostgreSQL (or
 * SQLite) has committed and how to go on, then exit 130. The committed head is the writer's, which
 * is what the store has committed, so the line never claims a version that a {@code --resume} would
 * not find. Nothing needs rolling back by hand: the process ends, its connection closes, and the
 * server drops the open transaction.
 *
 * <p>{@link #install} is for the real process only ({@code Main.main}); in-process runs (tests) only
 * register and deregister their imports.
 */
public final class Interruption {
    /** 128 + SIGINT, what a shell reports for Ctrl-C; SIGTERM ends the same way. */
    public static final int EXIT_CODE = ExitCodes.INTERRUPTED;

    private static final Set<Running> RUNNING = ConcurrentHashMap.newKeySet();

    private Interruption() {
    }

    /** One import in progress: the first version of its plan, the head before it, and its writer. */
    public static final class Running implements AutoCloseable {
        private final VersionWriter writer;
        private final long headBefore;
        private volatile long firstVersion = -1;

        private Running(VersionWriter writer, long headBefore) {
            this.writer = writer;
            this.headBefore = headBefore;
        }

        /** The first version this run imports (0, or its checkpoint base), once planned. */
        public void planned(long first) {
            this.firstVersion = first;
        }

        String line() {
            long head = writer.head();
            String next = "; run the same command with --resume to continue";
            if (headBefore >= 0) {
                return head > headBefore
                        ? "interrupted: versions up to " + head + " are committed (" + (headBefore + 1) + "–" + head
                        + " in this run)" + next
                        : "interrupted: nothing new was committed; the table is still at version " + head + next;
            }
            if (head < 0) {
                return "interrupted before the first version was committed: run the same command to start again";
            }
            return "interrupted: versions " + Math.max(0, firstVersion) + "–" + head + " are committed" + next;
        }

        @Override
        public void close() {
            RUNNING.remove(this);
        }
    }

    /** Registers an import whose writer has the table; close it when the import has ended. */
    public static Running begin(VersionWriter writer, long headBefore) {
        Running r = new Running(writer, headBefore);
        RUNNING.add(r);
        return r;
    }

    /**
     * A shutdown hook for the process: while an import runs, a signal prints its line and ends the
     * process with {@link #EXIT_CODE} (SIGTERM too: scripts then see one code for "stopped by a user").
     */
    public static void install(PrintWriter err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (RUNNING.isEmpty()) {
                return; // a normal exit, or a signal outside an import: nothing to add
            }
            for (Running r : RUNNING) {
                err.println("deltasql: " + r.line());
            }
            err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }, "deltasql-interrupt"));
    }
}
