package io.deltasql.log;

import java.util.concurrent.ExecutionException;

/** What a task run on another thread threw, rethrown as if it had run on the caller's. */
public final class Futures {
    private Futures() {
    }

    /**
     * The task's own failure to throw: its RuntimeException as it is (a {@link DeltaLogException} or
     * store error keeps its one-line message), its Error thrown at once, anything else wrapped as
     * "{@code doing} failed".
     */
    public static RuntimeException failure(ExecutionException e, String doing) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(doing + " failed", cause);
    }
}
